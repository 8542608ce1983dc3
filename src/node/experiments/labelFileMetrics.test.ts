import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { scoreLabelFile } from './labelFileMetrics';

describe('metrics computed by Loupe on a label file', () => {
  let root: string;
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-score-'));
    const rows = [
      'id,label,prediction,tags,device',
      'a,cat,cat,,phone',
      'b,cat,dog,blurry,phone',
      'c,dog,dog,blurry,laptop',
      'd,dog,dog,,laptop',
      'e,bird,cat,,laptop',
      'f,bird,bird,,phone',
    ];
    await fs.writeFile(path.join(root, 'labels.csv'), rows.join('\n') + '\n');
  });

  it('computes accuracy and macro/weighted F1 as scikit-learn does', async () => {
    const scores = await scoreLabelFile(root, 'labels.csv');
    assert.equal(scores.scored, 6);
    assert.equal(scores.metrics.accuracy, 4 / 6);
    // per class (bird, cat, dog): P = 1, 1/2, 2/3; R = 1/2, 1/2, 1; F1 = 2/3, 1/2, 4/5
    const f1 = [2 / 3, 1 / 2, 4 / 5];
    assert.ok(Math.abs(scores.metrics.macro_f1 - (f1[0] + f1[1] + f1[2]) / 3) < 1e-12);
    assert.ok(Math.abs(scores.metrics.weighted_f1 - (2 * f1[0] + 2 * f1[1] + 2 * f1[2]) / 6) < 1e-12);
    assert.ok(Math.abs(scores.metrics.macro_precision - (1 + 1 / 2 + 2 / 3) / 3) < 1e-12);
  });

  it('scores each tag (file tags, overridden by the sidecar) and each slice', async () => {
    const before = await scoreLabelFile(root, 'labels.csv');
    assert.deepEqual(before.perTag, { blurry: { accuracy: 0.5, errors: 1, n: 2 } });
    assert.deepEqual(before.perSlice?.['device=phone'], { accuracy: 2 / 3, macro_f1: before.perSlice?.['device=phone'].macro_f1, n: 3 });
    assert.equal(before.perSlice?.['device=laptop'].accuracy, 2 / 3);
    await fs.mkdir(path.join(root, '.loupe', 'annotations'), { recursive: true });
    await fs.writeFile(
      path.join(root, '.loupe', 'annotations', 'labels.csv.jsonl'),
      '{"loupe":"annotations","version":1,"dataset":"labels.csv","key":"id"}\n{"id":"e","tags":["blurry"]}\n{"id":"c","tags":[]}\n',
    );
    const after = await scoreLabelFile(root, 'labels.csv');
    assert.deepEqual(after.perTag, { blurry: { accuracy: 0, errors: 2, n: 2 } });
  });

  it('says what to do when the file has no label and prediction', async () => {
    await fs.writeFile(path.join(root, 'plain.csv'), 'id,text\n1,hello\n');
    await assert.rejects(scoreLabelFile(root, 'plain.csv'), /plain\.csv: no label and prediction columns were found; .*Columns menu/);
  });
});
