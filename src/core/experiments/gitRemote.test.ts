import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactRemote } from './gitRemote';

describe('remote URLs in records', () => {
  it('drops credentials from URLs and keeps everything else', () => {
    assert.equal(redactRemote('https://alice:ghp_secret@github.com/org/repo.git'), 'https://github.com/org/repo.git');
    assert.equal(redactRemote('https://token@gitlab.com/org/repo'), 'https://gitlab.com/org/repo');
    assert.equal(redactRemote('ssh://git@host:22/repo.git'), 'ssh://host:22/repo.git');
    assert.equal(redactRemote('git@github.com:org/repo.git'), 'git@github.com:org/repo.git');
    assert.equal(redactRemote('https://github.com/org/repo.git\n'), 'https://github.com/org/repo.git');
  });
});
