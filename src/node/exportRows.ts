import { promises as fs } from 'node:fs';
import type { Dataset } from '../core/dataset/dataset';
import { writeFileAtomic } from './atomicWrite';

/**
 * A new CSV with the header and some rows copied byte for byte from the file (quoting,
 * line endings and all), so what comes out reads exactly like what went in.
 */
export async function writeRowsAsInFile(source: string, dataset: Dataset, rows: readonly number[], target: string): Promise<void> {
  const handle = await fs.open(source, 'r');
  try {
    const parts: Buffer[] = [];
    const header = Buffer.alloc(dataset.dataStart);
    await handle.read(header, 0, header.length, 0);
    parts.push(header);
    for (const row of rows) {
      const start = dataset.rowStarts[row];
      const bytes = Buffer.alloc(dataset.rowStarts[row + 1] - start);
      await handle.read(bytes, 0, bytes.length, start);
      parts.push(bytes);
      const last = bytes[bytes.length - 1];
      if (last !== 0x0a && last !== 0x0d) parts.push(Buffer.from('\n'));
    }
    await writeFileAtomic(target, Buffer.concat(parts));
  } finally {
    await handle.close();
  }
}
