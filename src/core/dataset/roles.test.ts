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

describe('the input role: words before paths', () => {
  const paths = Array.from({ length: 10 }, (_, i) => `audio/phone/utt-${i}.wav`);
  const words = Array.from({ length: 10 }, (_, i) => `oui, allume la lumière ${i}`);
  const inputOf = (columns: { name: string; values: string[] }[]) => inferColumns(columns).find((c) => c.role === 'input')?.name;

  it('a path column and a transcript both named like inputs: the transcript is the input, whatever the order', () => {
    assert.equal(inputOf([column('id', paths.map((_, i) => `u${i}`)), column('audio', paths), column('transcript', words)]), 'transcript');
    assert.equal(inputOf([column('transcript', words), column('audio', paths)]), 'transcript');
    const audio = inferColumns([column('audio', paths), column('transcript', words)]).find((c) => c.name === 'audio');
    assert.deepEqual([audio?.role, audio?.kind], ['other', 'text'], 'the path column stays text, to search and open');
  });

  it('a path column that reuses a few files across many rows stays text, not a slice', () => {
    const reused = Array.from({ length: 200 }, (_, i) => `audio/${['yes', 'no', 'up', 'down', 'go'][i % 5]}-us.wav`);
    const many = Array.from({ length: 200 }, (_, i) => `oui, allume la lumière ${i}`);
    const audio = inferColumns([column('audio', reused), column('transcript', many)]).find((c) => c.name === 'audio');
    assert.deepEqual([audio?.role, audio?.kind], ['other', 'text']);
    const clip = inferColumns([column('clip', reused), column('label', many.map((_, i) => (i % 2 ? 'a' : 'b')))]).find((c) => c.name === 'clip');
    assert.deepEqual([clip?.role, clip?.kind], ['input', 'text'], 'alone, it is the input');
  });

    it('a path input gives way to an unnamed column of free text; alone, or beside short codes, it stays the input', () => {
    assert.equal(inputOf([column('image', paths), column('caption words', words)]), 'caption words');
    assert.equal(inputOf([column('image', paths), column('label')]), 'image');
    assert.equal(inputOf([column('wav', paths), column('label')]), 'wav', 'an unnamed path column is still the fallback input');
    const urls = paths.map((p) => `https://example.org/${p}`);
    assert.equal(inputOf([column('url', urls), column('text', words)]), 'text');
  });
});

it('numeric columns named for one of the label values hold its probability; other p_ columns keep their role', () => {
  const columns = inferColumns([
    { name: 'label', values: ['cat', 'dog', 'cat'] },
    { name: 'p_cat', values: ['0.9', '0.2', '0.8'] },
    { name: 'Dog_prob', values: ['0.1', '0.8', '0.2'] },
    { name: 'p_value', values: ['0.01', '0.5', '0.2'] },
    { name: 'score_cat', values: ['high', 'low', 'high'] },
  ]);
  assert.deepEqual(columns.map((c) => [c.role, c.kind]), [['label', 'categorical'], ['probability', 'numeric'], ['probability', 'numeric'], ['other', 'numeric'], ['slice', 'categorical']]);
});
