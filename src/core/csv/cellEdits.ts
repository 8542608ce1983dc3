/**
 * Rewrites chosen cells of CSV records and nothing else: every byte outside the edited
 * fields (other fields, quoting, delimiters, line endings) stays as it was.
 */
import { concatBytes } from '../bytes';
import { formatCsvField } from './write';
import { CsvScanner, FIELD_MALFORMED, FIELD_QUOTED, type CsvSink } from './scanner';

/** Byte range of each field of one record (relative to its first byte), quotes included, as the scanner reads it. */
export function fieldRanges(record: Uint8Array, delimiter: number): { start: number; end: number }[] {
  // The last record of a file may have no line ending; the scanner then emits its last field
  // from its own buffer at end(), with offsets that are not the record's. Scan it with one.
  const last = record[record.length - 1];
  if (record.length > 0 && last !== 0x0a && last !== 0x0d) {
    const padded = new Uint8Array(record.length + 1);
    padded.set(record);
    padded[record.length] = 0x0a;
    return fieldRanges(padded, delimiter).map((r) => ({ start: Math.min(r.start, record.length), end: Math.min(r.end, record.length) }));
  }
  const ranges: { start: number; end: number }[] = [];
  let done = false;
  const sink: CsvSink = {
    wantsBytes: () => true,
    field: (column, _bytes, start, end, flags) => {
      if (done) return;
      const quoted = (flags & FIELD_QUOTED) !== 0;
      const closed = quoted && (flags & FIELD_MALFORMED) === 0 && end < record.length;
      ranges[column] = { start: quoted ? start - 1 : start, end: closed ? end + 1 : end };
    },
    record: () => {
      done = true;
    },
  };
  const scanner = new CsvScanner(sink, delimiter);
  scanner.push(record);
  scanner.end();
  return ranges;
}

/** The record with field `column` replaced by `value` (quoted only when it must be). */
export function replaceField(record: Uint8Array, delimiter: number, column: number, value: string): Uint8Array {
  const ranges = fieldRanges(record, delimiter);
  const range = ranges[column];
  const encoded = new TextEncoder().encode(formatCsvField(value, String.fromCharCode(delimiter)));
  if (!range) {
    // A short (ragged) record: add the missing fields before the line ending.
    const last = ranges[ranges.length - 1];
    const padding = new TextEncoder().encode(String.fromCharCode(delimiter).repeat(column - ranges.length + 1));
    return concatBytes([record.subarray(0, last.end), padding, encoded, record.subarray(last.end)]);
  }
  return concatBytes([record.subarray(0, range.start), encoded, record.subarray(range.end)]);
}


const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The record with `field` (bytes of a formatted field) added as field number `at` + 1, read in one
 * pass without the scanner, for the common case: every field plain or properly quoted, and
 * exactly `at` fields. The field goes before the line ending. Undefined for anything else (a
 * quote inside an unquoted field, text after a closing quote, another field count): the caller
 * then reads the record's fields with the scanner (`fieldRanges`), which reads those as the
 * loader did.
 */
export function appendFieldFast(record: Uint8Array, delimiter: number, at: number, field: Uint8Array): Uint8Array | undefined {
  const end = contentEnd(record, delimiter);
  if (end === undefined || end.fields !== at) return undefined;
  const out = new Uint8Array(record.length + 1 + field.length);
  out.set(record.subarray(0, end.at), 0);
  out[end.at] = delimiter;
  out.set(field, end.at + 1);
  out.set(record.subarray(end.at), end.at + 1 + field.length);
  return out;
}

/** Where the record's content ends (before its line ending) and how many fields it has; undefined when a field is not plainly formed. */
function contentEnd(record: Uint8Array, delimiter: number): { at: number; fields: number } | undefined {
  const n = record.length;
  let fields = 1;
  let i = 0;
  for (;;) {
    i = record[i] === QUOTE ? quotedFieldEnd(record, i + 1) : plainFieldEnd(record, i, delimiter);
    if (i < 0) return undefined;
    if (i >= n || record[i] === CR || record[i] === LF) break;
    if (record[i] !== delimiter) return undefined;
    fields++;
    i++;
  }
  return isLineEnding(record, i) ? { at: i, fields } : undefined;
}

/** The bytes from `i` to the end are nothing, LF, CR or CRLF. */
function isLineEnding(record: Uint8Array, i: number): boolean {
  const rest = record.length - i;
  if (rest === 0) return true;
  if (rest === 1) return record[i] === LF || record[i] === CR;
  return rest === 2 && record[i] === CR && record[i + 1] === LF;
}

/** After an opening quote at `i - 1`: the position after the closing quote; -1 when it never closes. */
function quotedFieldEnd(record: Uint8Array, i: number): number {
  const n = record.length;
  while (i < n) {
    if (record[i] !== QUOTE) i++;
    else if (i + 1 < n && record[i + 1] === QUOTE) i += 2;
    else return i + 1;
  }
  return -1;
}

/** The position of the delimiter or line ending after a plain field; -1 when a quote is inside it. */
function plainFieldEnd(record: Uint8Array, i: number, delimiter: number): number {
  const n = record.length;
  while (i < n) {
    const b = record[i];
    if (b === delimiter || b === CR || b === LF) return i;
    if (b === QUOTE) return -1;
    i++;
  }
  return i;
}
