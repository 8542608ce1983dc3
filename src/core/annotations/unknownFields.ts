/**
 * Fields a file holds that Loupe does not know: kept as data and written back as they were.
 * Read from the parsed JSON's own keys into a null-prototype object, so a key such as
 * `__proto__` or `toString` is an ordinary field (zod's passthrough would drop `__proto__`).
 */
export function unknownFields(raw: unknown, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(raw)) {
    if (known.has(key)) continue;
    out ??= Object.create(null) as Record<string, unknown>;
    defineField(out, key, (raw as Record<string, unknown>)[key]);
  }
  return out;
}

/** Sets a field as own data whatever its name (plain assignment of `__proto__` would change the prototype). */
export function defineField(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy of `base` with the unknown fields added where `base` has no field of that name. */
export function withUnknownFields<T extends object>(base: T, extra: Readonly<Record<string, unknown>> | undefined): T {
  if (!extra) return base;
  const out = { ...base };
  for (const key of Object.keys(extra)) if (!Object.hasOwn(out, key)) defineField(out, key, extra[key]);
  return out;
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
