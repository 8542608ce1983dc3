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

