import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeParams, parseParamAssignments, parseParamValue } from './paramAssignments';

describe('params typed as key=value', () => {
  it('reads numbers, booleans, null, lists and text', () => {
    assert.deepEqual(parseParamAssignments('lr=0.001 batch_size=32 augment=true dropout=None layers=[64,32] optimizer=adam'), {
      ok: true,
      params: { lr: 0.001, batch_size: 32, augment: true, dropout: null, layers: [64, 32], optimizer: 'adam' },
    });
  });

  it('nests dotted keys as params files do', () => {
    assert.deepEqual(parseParamAssignments('model.name=resnet model.depth=50 train.lr=1e-3'), {
      ok: true,
      params: { model: { name: 'resnet', depth: 50 }, train: { lr: 0.001 } },
    });
  });

  it('keeps spaces inside quotes, and a quoted value as text', () => {
    assert.deepEqual(parseParamAssignments(`name="resnet 50" seed='42'  note=ok`), {
      ok: true,
      params: { name: 'resnet 50', seed: '42', note: 'ok' },
    });
  });

  it('accepts an empty line as no params', () => {
    assert.deepEqual(parseParamAssignments('   '), { ok: true, params: {} });
  });

  it('says what is wrong', () => {
    assert.deepEqual(parseParamAssignments('lr=0.1 epochs'), { ok: false, error: 'expected key=value, got "epochs"' });
    assert.deepEqual(parseParamAssignments('=3'), { ok: false, error: 'expected key=value, got "=3"' });
    assert.deepEqual(parseParamAssignments('lr=1 lr=2'), { ok: false, error: '"lr" is given twice' });
    assert.deepEqual(parseParamAssignments('model=a model.depth=2'), { ok: false, error: '"model.depth" is set inside "model", which already has a value' });
    assert.equal(parseParamAssignments('name="open').ok, false);
    assert.equal(parseParamAssignments('a b=1').ok, false);
    assert.equal(parseParamAssignments('1x=2').ok, false);
  });

  it('reads single values like Hydra does', () => {
    assert.equal(parseParamValue('0.5'), 0.5);
    assert.equal(parseParamValue('-3'), -3);
    assert.equal(parseParamValue('True'), true);
    assert.equal(parseParamValue('false'), false);
    assert.equal(parseParamValue('null'), null);
    assert.equal(parseParamValue('1.2.3'), '1.2.3');
    assert.equal(parseParamValue('nan'), 'nan');
    assert.equal(parseParamValue(''), '');
  });

  it('lays typed params over a file\'s, nested mappings merged', () => {
    assert.deepEqual(mergeParams({ model: { lr: 0.1, depth: 3 }, seed: 7, layers: [1] }, { model: { lr: 0.05 }, layers: [2, 3], extra: true }), {
      model: { lr: 0.05, depth: 3 },
      seed: 7,
      layers: [2, 3],
      extra: true,
    });
  });
});
