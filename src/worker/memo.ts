/**
 * One derived value and the inputs it was computed from. Asking with other inputs (compared
 * with Object.is) recomputes it, so a cache is never invalidated by hand: changing an input
 * is enough. One value is kept, which also bounds the memory a cache can hold.
 */
export class Memo<I extends readonly unknown[], V> {
  private entry: { inputs: I; value: V } | undefined;

  constructor(private readonly compute: (...inputs: I) => V) {}

  get(...inputs: I): V {
    if (this.entry && sameInputs(this.entry.inputs, inputs)) return this.entry.value;
    const value = this.compute(...inputs);
    this.entry = { inputs, value };
    return value;
  }

  /** The value kept, whatever it was computed from (for values updated in place). */
  current(): V | undefined {
    return this.entry?.value;
  }

  /** Drops the value, e.g. a failed read that should be tried again. */
  forget(): void {
    this.entry = undefined;
  }
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}
