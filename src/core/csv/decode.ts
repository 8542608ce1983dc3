import { FIELD_ESCAPED_QUOTES } from './scanner';

const utf8 = new TextDecoder('utf-8');

/** Decodes a field's bytes to text, undoing doubled quotes inside quoted fields. */
export function decodeField(bytes: Uint8Array, start: number, end: number, flags: number): string {
  if (end <= start) return '';
  const text = utf8.decode(bytes.subarray(start, end));
  return (flags & FIELD_ESCAPED_QUOTES) !== 0 ? text.replaceAll('""', '"') : text;
}

/** True when the bytes are `""`-escaped: used by dictionaries that key on raw bytes. */
export function hasEscapedQuotes(flags: number): boolean {
  return (flags & FIELD_ESCAPED_QUOTES) !== 0;
}
