import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { agree, counted, noun, pluralOf } from './plural';

describe('plurals', () => {
  it('says one and many of the words Loupe counts', () => {
    assert.equal(counted(1, 'example'), '1 example');
    assert.equal(counted(2, 'example'), '2 examples');
    assert.equal(counted(0, 'fix'), '0 fixes');
    assert.equal(counted(1, 'fix'), '1 fix');
    assert.equal(counted(2032, 'line'), '2,032 lines');
    assert.equal(counted(3, 'entry'), '3 entries');
    assert.equal(counted(3, 'key'), '3 keys');
    assert.equal(counted(2, 'match'), '2 matches');
    assert.equal(noun(2, 'label cell'), 'label cells');
    assert.equal(pluralOf('duplicate group'), 'duplicate groups');
    assert.equal(counted(2, 'analysis', 'analyses'), '2 analyses');
    assert.equal(`1 of 1 selected ${noun(1, 'experiment')} ${agree(1, 'has', 'have')}`, '1 of 1 selected experiment has');
  });

  it('no UI or CLI text writes a count as "example(s)" or "fix(es)"', () => {
    const root = path.resolve(__dirname, '../..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name)) files.push(full);
      }
    };
    walk(path.join(root, 'src'));
    walk(path.join(root, 'webview'));
    const found = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line: line.trim(), where: `${path.relative(root, file)}:${i + 1}` }))
        .filter(({ line }) => !/^(\*|\/\/|\/\*)/.test(line) && /[a-z]\((?:s|es|ies)\)(?= [a-z]| ?[.;:]|$| ?['"`])/.test(line))
        .map(({ where }) => where),
    );
    assert.deepEqual(found, []);
  });
});
