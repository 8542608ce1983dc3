/**
 * Names read from files (params, config keys, metric and series names) are data: a run may
 * log `__proto__`, `constructor` or `toString`. Records keyed by such names are written with
 * own properties only (`defineProperty` never calls the `__proto__` setter, so nothing reaches
 * `Object.prototype`) and read with own properties only (an inherited `constructor` is not a
 * param). The records stay plain JSON objects, so they serialize, compare and clone as before.
 */

/** Sets `key` on `target` as an ordinary own property, whatever the key is. */
export function setKey<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The own value of `key`, never an inherited one. */
export function getKey<T>(target: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(target, key) ? target[key] : undefined;
}

export function hasKey(target: object, key: string): boolean {
  return Object.hasOwn(target, key);
}

/** `Object.assign` for data records: every own key of `source` lands on `target` as data. */
export function assignKeys<T>(target: Record<string, T>, source: Readonly<Record<string, T>>): Record<string, T> {
  for (const [key, value] of Object.entries(source)) setKey(target, key, value);
  return target;
}

/** The list under `key`, created empty when missing (for series keyed by name). */
export function listAt<T>(target: Record<string, T[]>, key: string): T[] {
  const existing = getKey(target, key);
  if (existing) return existing;
  const list: T[] = [];
  setKey(target, key, list);
  return list;
}

/** A JSON number as the usual writers print it: digits, an optional fraction with digits, an optional exponent (no `0.`, hex, Infinity or empty text). */
export const DECIMAL = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number in `text` when it is a complete finite decimal, else undefined. */
export function readDecimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
