/**
 * Objects keyed by data (column names, class names, dataset paths) read from JSON. zod's
 * `z.record` drops a `__proto__` key and builds a plain `{}`, where `constructor` or `toString`
 * answer with Object's methods; these records keep every own key as data, in an object with
 * no prototype.
 */
import { z } from 'zod';

/** An empty object with no prototype: every key in it is data. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The own entries of a record, in a new object with no prototype. */
export function copyRecord<T>(from: Readonly<Record<string, T>> | undefined): Record<string, T> {
  const out = emptyRecord<T>();
  if (from) for (const key of Object.keys(from)) out[key] = from[key];
  return out;
}

/** The value at an own key, or undefined (never an inherited method). */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON object whose keys are data and whose values match `value`; every own key is kept. */
export function dataRecord<T extends z.ZodType>(value: T) {
  return z.unknown().transform((input, ctx): Record<string, z.output<T>> => {
    if (!isPlainRecord(input)) {
      ctx.addIssue({ code: 'custom', message: 'expected an object' });
      return z.NEVER;
    }
    const out = emptyRecord<z.output<T>>();
    for (const key of Object.keys(input)) {
      const parsed = value.safeParse(input[key]);
      if (parsed.success) out[key] = parsed.data;
      else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [key, ...issue.path] });
    }
    return out;
  });
}
