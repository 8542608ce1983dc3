import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTableRequest } from '../../src/protocol/labelTable';

test('resolveMedia: a media path with a request id is accepted', () => {
  assert.deepEqual(parseTableRequest({ type: 'resolveMedia', requestId: 3, path: 'audio/yes-us.wav' }), { type: 'resolveMedia', requestId: 3, path: 'audio/yes-us.wav' });
  assert.ok(parseTableRequest({ type: 'resolveMedia', requestId: 4, path: 'images/cat.PNG' }));
});

test('resolveMedia: anything but an image or audio path, or a malformed request, is dropped', () => {
  for (const message of [
    { type: 'resolveMedia', requestId: 1, path: '.loupe/config.json' },
    { type: 'resolveMedia', requestId: 1, path: '' },
    { type: 'resolveMedia', requestId: 1, path: `${'a/'.repeat(3000)}x.wav` },
    { type: 'resolveMedia', requestId: 1.5, path: 'a.wav' },
    { type: 'resolveMedia', path: 'a.wav' },
    { type: 'resolveMedia', requestId: 1, path: 42 },
    { type: 'resolveMedia', requestId: 1, path: 'line\nclip.wav' },
  ]) assert.equal(parseTableRequest(message), undefined, JSON.stringify(message).slice(0, 80));
});
