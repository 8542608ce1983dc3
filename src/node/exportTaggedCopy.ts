import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { decodeField } from '../core/csv/decode';
import { CsvScanner, type CsvSink } from '../core/csv/scanner';
import { escapeSpreadsheetFormula, formatCsvRow } from '../core/csv/write';
import type { Dataset } from '../core/dataset/dataset';
import type { RowTags } from '../core/dataset/rowTags';

/** Every record's fields, numbered as the loader numbers rows (header first, blank lines skipped). */
class RecordSink implements CsvSink {
  private fields: string[] = [];
  constructor(private readonly onRecord: (fields: string[]) => void) {}
  wantsBytes(): boolean {
    return true;
  }
  field(column: number, bytes: Uint8Array, start: number, end: number, flags: number): void {
    this.fields[column] = decodeField(bytes, start, end, flags);
  }
  record(count: number, _s: number, _e: number, _l: number, blank: boolean): void {
    const fields = this.fields.slice(0, count);
    this.fields = [];
    if (!blank) this.onRecord(fields);
  }
}

/**
 * A copy for spreadsheets: the file's columns, then one true/false column per tag and the
 * note. Every cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
 * prefixed with a quote (OWASP CSV injection). Only this export escapes cells.
 */
export async function writeTaggedCopy(source: string, dataset: Dataset, tags: RowTags, notes: ReadonlyMap<string, string>, target: string): Promise<number> {
  const out = createWriteStream(target);
  const keyColumn = dataset.columns.findIndex((c) => c.kind === 'key');
  const width = dataset.columns.length;
  const lines: string[] = [];
  let row = -1;
  const sink = new RecordSink((fields) => {
    const padded = [...fields.slice(0, width), ...Array<string>(Math.max(0, width - fields.length)).fill('')];
    if (row < 0) {
      lines.push(formatCsvRow([...padded, ...tags.names.map((t) => `tag: ${t}`), 'note'].map(escapeSpreadsheetFormula)));
    } else {
      const carried = new Set(tags.tagsOfRow(row));
      const key = keyColumn >= 0 ? padded[keyColumn] : String(row + 1);
      lines.push(formatCsvRow([...padded, ...tags.names.map((t) => String(carried.has(t))), notes.get(key) ?? ''].map(escapeSpreadsheetFormula)));
    }
    row++;
  });
  const scanner = new CsvScanner(sink, dataset.delimiter);
  let first = true;
  for await (const chunk of createReadStream(source, { highWaterMark: 1 << 20 })) {
    let bytes = chunk as Buffer;
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    first = false;
    scanner.push(bytes);
    if (lines.length > 0 && !out.write(lines.splice(0).join('\r\n') + '\r\n')) await once(out, 'drain');
  }
  scanner.end();
  if (lines.length > 0) out.write(lines.join('\r\n') + '\r\n');
  out.end();
  await once(out, 'finish');
  return Math.max(0, row);
}
