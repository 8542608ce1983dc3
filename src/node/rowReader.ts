import { closeSync, openSync, readSync } from 'node:fs';
import { parseCsvBytes } from '../core/csv/rows';
import type { Dataset } from '../core/dataset/dataset';

/** Reads and decodes the text of chosen rows from the file: only rows on screen are ever decoded. */
export class RowReader {
  private fd: number | undefined;
  private buffer = Buffer.allocUnsafe(64 * 1024);

  constructor(
    private readonly file: string,
    private readonly dataset: Dataset,
  ) {}

  /** The fields of each row, padded to the header's width. */
  read(rows: readonly number[]): string[][] {
    this.fd ??= openSync(this.file, 'r');
    const width = this.dataset.columns.length;
    return rows.map((row) => {
      const start = this.dataset.rowStarts[row];
      const length = this.dataset.rowStarts[row + 1] - start;
      if (this.buffer.length < length) this.buffer = Buffer.allocUnsafe(length * 2);
      const got = readSync(this.fd!, this.buffer, 0, length, start);
      const record = parseCsvBytes(this.buffer.subarray(0, got), { delimiter: this.dataset.delimiter }).records[0];
      const fields = record?.fields ?? [];
      const out = fields.slice(0, width);
      while (out.length < width) out.push('');
      return out;
    });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
