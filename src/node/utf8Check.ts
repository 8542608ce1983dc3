import { isUtf8 } from 'node:buffer';
import { promises as fs } from 'node:fs';

/**
 * Checks a stream of bytes for invalid UTF-8 as it goes (native `isUtf8`), carrying a
 * sequence cut at a chunk boundary over to the next chunk. Remembers the first bad offset.
 */
export class Utf8Check {
  private carry = Buffer.alloc(0);
  private offset = 0;
  firstInvalidOffset: number | undefined;

  push(chunk: Uint8Array): void {
    if (this.firstInvalidOffset !== undefined) return;
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const cut = incompleteTail(bytes);
    const whole = bytes.subarray(0, bytes.length - cut);
    if (!isUtf8(whole)) this.firstInvalidOffset = this.offset + firstInvalid(whole);
    this.offset += whole.length;
    this.carry = Buffer.from(bytes.subarray(bytes.length - cut));
  }

  end(): void {
    if (this.firstInvalidOffset === undefined && this.carry.length > 0) this.firstInvalidOffset = this.offset;
  }
}

/** Bytes at the end that start a multi-byte sequence not yet complete. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Offset of the first byte that breaks UTF-8 (a small validator; only run on a bad chunk). */
function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (need === 0) return i;
    for (let k = 1; k < need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    if (need > 1 && !isUtf8(bytes.subarray(i, i + need))) return i;
    i += need;
  }
  return bytes.length;
}

/** The 1-based line holding a byte offset (counts LF bytes before it). */
export async function lineAtOffset(file: string, offset: number): Promise<number> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let line = 1;
    let at = 0;
    while (at < offset) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, offset - at), at);
      if (bytesRead === 0) break;
      for (let i = buffer.indexOf(0x0a, 0); i >= 0 && i < bytesRead; i = buffer.indexOf(0x0a, i + 1)) line++;
      at += bytesRead;
    }
    return line;
  } finally {
    await handle.close();
  }
}
