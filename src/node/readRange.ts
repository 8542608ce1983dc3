import { promises as fs } from 'node:fs';

/** Streams the bytes [start, end) of a file in 1 MB chunks (the buffer is reused). */
export async function* readRange(file: string, start: number, end: number, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let at = start;
    while (at < end) {
      if (signal?.aborted) throw new Error('cancelled');
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - at), at);
      if (bytesRead === 0) break;
      at += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** The offset just after the first line feed at or after `from` (or the file size). */
export async function nextLineStart(file: string, from: number): Promise<number> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    let at = from;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
      if (bytesRead === 0) return at;
      const lf = buffer.subarray(0, bytesRead).indexOf(0x0a);
      if (lf >= 0) return at + lf + 1;
      at += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
