/**
 * Hostile keys in messages and files read outside the CSV parsers: a webview's Columns menu
 * message and a hot-exit backup keep `__proto__`, `constructor` and `toString` as data.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBackup } from '../../src/core/annotations/backup';
import { parseTableRequest } from '../../src/protocol/labelTable';

describe('hostile keys in messages and backups', () => {
  it('changeSettings keeps the role chosen for a column named __proto__, in a record with no prototype', () => {
    const message = parseTableRequest(JSON.parse('{"type":"changeSettings","roles":{"__proto__":"label","constructor":"prediction","toString":"score"}}'));
    assert.ok(message?.type === 'changeSettings' && message.roles);
    assert.deepEqual(Object.entries(message.roles), [['__proto__', 'label'], ['constructor', 'prediction'], ['toString', 'score']]);
    assert.equal(Object.getPrototypeOf(message.roles), null);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'label'), false);
  });

  it('changeSettings refuses a role that is not one, under any key', () => {
    assert.equal(parseTableRequest(JSON.parse('{"type":"changeSettings","roles":{"__proto__":"root"}}')), undefined);
    assert.equal(parseTableRequest({ type: 'changeSettings', roles: ['label'] }), undefined);
  });

  it('a backup keeps an annotation field named __proto__ as data', () => {
    const text = '{"loupeBackup":1,"entries":[["e1",{"tags":["a"],"extra":{"__proto__":{"polluted":true},"constructor":"kept"}}]],"base":[],"baseText":null}';
    const parsed = parseBackup(text);
    assert.ok(parsed.ok);
    const extra = parsed.backup.entries[0][1].extra!;
    assert.deepEqual(Object.keys(extra), ['__proto__', 'constructor']);
    assert.deepEqual(extra['__proto__'], { polluted: true });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
