import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { RecordStream } from '../core/csv/rows';
import { CsvScanner } from '../core/csv/scanner';
import { escapeSpreadsheetFormula, formatCsvRow } from '../core/csv/write';
import type { Dataset } from '../core/dataset/dataset';
import type { RowTags } from '../core/dataset/rowTags';

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
  const sink = new RecordStream(({ fields }) => {
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
