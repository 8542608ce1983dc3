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
});
