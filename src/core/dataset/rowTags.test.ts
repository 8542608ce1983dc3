import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatasetLoader } from './loader';
import { RowTags } from './rowTags';

function dataset(text: string) {
  const loader = new DatasetLoader({});
  loader.push(new TextEncoder().encode(text));
  return loader.end();
}

describe('RowTags', () => {
  const csv = 'id,label,prediction,tags\n1,a,a,car noise;blurry\n2,a,b, ; \n3,b,b,\n4,b,a,blurry\n';

  it('reads the file tags column; a cell with only separators is untagged (set 0)', () => {
    const tags = new RowTags(dataset(csv));
    assert.deepEqual(tags.tagsOfRow(0).sort(), ['blurry', 'car noise']);
    assert.equal(tags.rowSet[1], 0);
    assert.equal(tags.rowSet[2], 0);
    assert.deepEqual(tags.tagsOfRow(3), ['blurry']);
  });

  it('an override that removes every tag puts the row back in the untagged set', () => {
    const tags = new RowTags(dataset(csv));
    const changes = tags.applyOverrides(new Map([[0, []], [3, ['blurry', 'dark']]]));
    assert.equal(tags.rowSet[0], 0, 'untagged rows share set 0, which every untagged count uses');
    assert.deepEqual(tags.tagsOfRow(3).sort(), ['blurry', 'dark']);
    assert.deepEqual(changes.map((c) => c.row).sort(), [0, 3]);
    const back = tags.applyOverrides(new Map());
    assert.deepEqual(back.map((c) => c.row).sort(), [0, 3]);
    assert.deepEqual(tags.tagsOfRow(0).sort(), ['blurry', 'car noise']);
  });
});
