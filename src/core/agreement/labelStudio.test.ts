import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LABEL_STUDIO_EXPORT } from './fixtures/labelStudio';
import { judgementsFromLabelStudio, parseLabelStudioExport } from './labelStudio';

describe('Label Studio export', () => {
  it('takes the first choice per annotation and skips cancelled, empty and repeated annotations', () => {
    const parsed = judgementsFromLabelStudio(LABEL_STUDIO_EXPORT);
    assert.ok(parsed.ok);
    const { judgements, cancelled, withoutChoice, duplicates } = parsed.value;
    assert.deepEqual([cancelled, withoutChoice, duplicates], [1, 1, 1]);
    assert.deepEqual(judgements.itemIds, ['101', '102', '103']);
    assert.deepEqual(judgements.raterNames, ['7', '9']);
    assert.deepEqual(judgements.categories, ['Negative', 'Neutral', 'Positive']);
    assert.deepEqual([...judgements.raters[0]], [2, 0, -1]);
    assert.deepEqual([...judgements.raters[1]], [0, 1, -1]);
  });

  it('parses text and reports invalid exports without throwing', () => {
    assert.ok(parseLabelStudioExport(JSON.stringify(LABEL_STUDIO_EXPORT)).ok);
    const broken = parseLabelStudioExport('{"id": 1}');
    assert.equal(broken.ok, false);
    assert.match(broken.ok ? '' : broken.problem, /expected array/);
    const noUser = judgementsFromLabelStudio([{ id: 1, annotations: [{ result: [] }] }]);
    assert.match(noUser.ok ? '' : noUser.problem, /completed_by/);
    assert.match((parseLabelStudioExport('[') as { problem: string }).problem, /not valid JSON/);
  });

  it('matches tasks by their own data field only: a key column named constructor or __proto__ is data', () => {
    const text = JSON.stringify([
      { id: 1, data: { text: 'a' }, annotations: [{ completed_by: '__proto__', result: [{ value: { choices: ['constructor'] } }] }] },
      { id: 2, data: { text: 'b', constructor: 'u2' }, annotations: [{ completed_by: { email: 'toString' }, result: [{ value: { choices: ['toString'] } }] }] },
    ]).replace('"constructor":"u2"', '"constructor":"u2","__proto__":"u2p"');
    const byConstructor = parseLabelStudioExport(text, 'constructor');
    assert.ok(byConstructor.ok);
    assert.deepEqual(byConstructor.value.keysOfItem, [['1'], ['u2', '2']], 'task 1 has no constructor field: matched by its id, never by Object');
    const byProto = parseLabelStudioExport(text, '__proto__');
    assert.ok(byProto.ok);
    assert.deepEqual(byProto.value.keysOfItem, [['1'], ['u2p', '2']]);
    assert.deepEqual(byProto.value.judgements.raterNames, ['__proto__', 'toString']);
    assert.deepEqual(byProto.value.judgements.categories, ['constructor', 'toString']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('a data field that is an object or null is not a key (no "[object Object]")', () => {
    const parsed = judgementsFromLabelStudio([{ id: 5, data: { id: { nested: 1 } } }, { id: 6, data: { id: null } }, { id: 7, data: { id: 70 } }], 'id');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.keysOfItem, [['5'], ['6'], ['70', '7']]);
  });
});
