import { promises as fs } from 'node:fs';
import { replaceField } from '../core/csv/cellEdits';
import type { Dataset } from '../core/dataset/dataset';
import { writeFileAtomic } from './atomicWrite';

/**
 * Writes the file with the label cell of some rows replaced. Streams the file in ranges
 * between the fixed rows, so every byte except the fixed cells is copied as it was.
 */
export async function writeLabelFixes(source: string, dataset: Dataset, labelColumn: number, fixes: ReadonlyMap<number, string>, target: string): Promise<number> {
  const rows = [...fixes.keys()].sort((a, b) => a - b);
  const handle = await fs.open(source, 'r');
  const parts: Uint8Array[] = [];
  let changed = 0;
  try {
    const { size } = await handle.stat();
    let at = 0;
    const copy = async (end: number) => {
      while (at < end) {
        const chunk = Buffer.alloc(Math.min(end - at, 8 << 20));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
        if (bytesRead === 0) break;
        parts.push(chunk.subarray(0, bytesRead));
        at += bytesRead;
      }
    };
    for (const row of rows) {
      const start = dataset.rowStarts[row];
      const end = dataset.rowStarts[row + 1];
      await copy(start);
      const record = Buffer.alloc(end - start);
      await handle.read(record, 0, record.length, start);
      const rewritten = replaceField(record, dataset.delimiter, labelColumn, fixes.get(row)!);
      if (!Buffer.from(rewritten).equals(record)) changed++;
      parts.push(rewritten);
      at = end;
    }
    await copy(size);
  } finally {
    await handle.close();
  }
  await writeFileAtomic(target, Buffer.concat(parts));
  return changed;
}
