import { promises as fs } from 'node:fs';
import { decodeField } from '../core/csv/decode';
import { CsvScanner, type CsvSink } from '../core/csv/scanner';
import type { Dataset } from '../core/dataset/dataset';

/** Collects some columns' text for every data row, numbered exactly as the loader numbers rows. */
class ColumnCollector implements CsvSink {
  private inHeader = true;
  private readonly current: string[];
  private readonly slot: Map<number, number>;
  row = 0;

  constructor(
    columns: readonly number[],
    private readonly onValues: (row: number, values: readonly string[]) => void,
  ) {
    this.current = columns.map(() => '');
    this.slot = new Map(columns.map((c, i) => [c, i]));
  }

  wantsBytes(column: number): boolean {
    return this.slot.has(column);
  }

  field(column: number, bytes: Uint8Array, start: number, end: number, flags: number): void {
    const i = this.slot.get(column);
    if (i !== undefined) this.current[i] = decodeField(bytes, start, end, flags);
  }

  /** `onValues` gets the same array each row (no allocation per row): it reads it, never keeps it. */
  record(_fieldCount: number, _start: number, _end: number, _line: number, blank: boolean): void {
    if (!blank && this.inHeader) this.inHeader = false;
    else if (!blank) this.onValues(this.row++, this.current);
    this.current.fill('');
  }
}

/**
 * Streams the file once and hands every row's value of one column to `onValue`: for what
 * the columns do not keep in memory (text search, sorting by a text column).
 */
export function scanColumn(file: string, dataset: Dataset, column: number, onValue: (row: number, value: string) => void, signal?: AbortSignal): Promise<void> {
  return scanColumns(file, dataset, [column], (row, values) => onValue(row, values[0]), signal);
}

/** As scanColumn, for several columns in one pass: `values` are in the order of `columns`. */
export async function scanColumns(file: string, dataset: Dataset, columns: readonly number[], onValues: (row: number, values: readonly string[]) => void, signal?: AbortSignal): Promise<void> {
  const sink = new ColumnCollector(columns, onValues);
  const scanner = new CsvScanner(sink, dataset.delimiter);
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let first = true;
    for (;;) {
      if (signal?.aborted) throw new Error('cancelled');
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      let chunk = buffer.subarray(0, bytesRead);
      if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      first = false;
      scanner.push(chunk);
    }
    scanner.end();
  } finally {
    await handle.close();
  }
}

/** The rows whose value in `column` contains `needle` (case-insensitive). */
export function searchColumn(file: string, dataset: Dataset, column: number, needle: string, signal?: AbortSignal): Promise<Uint8Array> {
  return searchColumns(file, dataset, [column], needle, signal);
}

/** The rows where any of `columns` contains `needle` (case-insensitive), in one pass over the file. */
export async function searchColumns(file: string, dataset: Dataset, columns: readonly number[], needle: string, signal?: AbortSignal): Promise<Uint8Array> {
  const matches = new Uint8Array(dataset.rowCount);
  const lower = needle.toLowerCase();
  await scanColumns(file, dataset, columns, (row, values) => {
    if (row < matches.length && values.some((value) => value.toLowerCase().includes(lower))) matches[row] = 1;
  }, signal);
  return matches;
}

/** Every row's value of a column, for sorting by a column kept as text. */
export async function readColumn(file: string, dataset: Dataset, column: number, signal?: AbortSignal): Promise<string[]> {
  const values = new Array<string>(dataset.rowCount).fill('');
  await scanColumn(file, dataset, column, (row, value) => {
    if (row < values.length) values[row] = value;
  }, signal);
  return values;
}
