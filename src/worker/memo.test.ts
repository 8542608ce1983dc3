import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Memo } from './memo';

describe('Memo', () => {
  it('computes once per inputs and again when an input changes', () => {
    const calls: string[] = [];
    const memo = new Memo((a: string, b: number) => {
      calls.push(`${a}${b}`);
      return { value: `${a}${b}` };
    });
    const first = memo.get('x', 1);
    assert.equal(memo.get('x', 1), first);
    assert.deepEqual(memo.get('x', 2), { value: 'x2' });
    assert.deepEqual(memo.get('x', 1), { value: 'x1' });
    assert.notEqual(memo.get('x', 1), first, 'one value is kept: going back recomputes');
    assert.deepEqual(calls, ['x1', 'x2', 'x1']);
  });

  it('tells objects apart by identity, NaN equals NaN, and forget recomputes', () => {
    let calls = 0;
    const memo = new Memo((o: object | undefined, n: number) => ++calls + (o ? 0 : 0) + (Number.isNaN(n) ? 0 : 0));
    const o = {};
    memo.get(o, Number.NaN);
    memo.get(o, Number.NaN);
    assert.equal(calls, 1);
    memo.get({}, Number.NaN);
    assert.equal(calls, 2);
    assert.equal(memo.current(), 2);
    memo.forget();
    assert.equal(memo.current(), undefined);
    memo.get(o, Number.NaN);
    assert.equal(calls, 3);
  });
});
