import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inferColumns } from './roles';

const column = (name: string, values: string[] = ['yes', 'no', 'yes', 'go', 'no', 'yes', 'no', 'yes', 'no', 'yes']) => ({ name, values });
const rolesOf = (...names: string[]) => Object.fromEntries(inferColumns(names.map((n) => column(n))).map((c) => [c.name, c.role]));

describe('role inference with several prediction columns', () => {
  it('gives the prediction role to the column named exactly so; a second model\'s column is a plain categorical column, not a slice', () => {
    const inferred = inferColumns([column('label'), column('prediction'), column('prediction_v2'), column('device')]);
    assert.deepEqual(inferred.map((c) => [c.name, c.role, c.kind]), [
      ['label', 'label', 'categorical'],
      ['prediction', 'prediction', 'categorical'],
      ['prediction_v2', 'other', 'categorical'],
      ['device', 'slice', 'categorical'],
    ]);
  });

  it('without an exact name, the first variant (pred_v1) is the prediction and the others stay candidates', () => {
    assert.deepEqual(rolesOf('label', 'pred_v1', 'pred_v2', 'y_pred_b'), { label: 'label', pred_v1: 'prediction', pred_v2: 'other', y_pred_b: 'other' });
  });

  it('leaves score-like names alone', () => {
    assert.deepEqual(rolesOf('label', 'pred', 'pred_score'), { label: 'label', pred: 'prediction', pred_score: 'score' });
    assert.deepEqual(rolesOf('label', 'pred', 'pred_label_v2'), { label: 'label', pred: 'prediction', pred_label_v2: 'other' });
  });
});
