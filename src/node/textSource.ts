import { promises as fs } from 'node:fs';

/** 'utf-8', 'utf-16le', 'utf-16be', or any other label TextDecoder knows (e.g. 'windows-1252'). */
export type SourceEncoding = string;

export interface TextSourceInfo {
  encoding: SourceEncoding;
  size: number;
}

const CHUNK = 1 << 20;
const FIRST_CHUNK = 64 * 1024;

/** Reads the first bytes to tell the encoding from a byte-order mark (UTF-8 without one). */
export async function sniffEncoding(file: string): Promise<TextSourceInfo> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(256);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const start = head.subarray(0, bytesRead);
    return { encoding: encodingFromBom(start) ?? utf32WithoutBom(start) ?? utf16WithoutBom(start) ?? 'utf-8', size };
  } finally {
    await handle.close();
  }
}

/** The encoding a byte-order mark names (UTF-8's mark is read as UTF-8 by the loader). */
function encodingFromBom(head: Uint8Array): SourceEncoding | undefined {
  // UTF-32's marks first: FF FE 00 00 also starts like UTF-16 LE's.
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return 'utf-32le';
  if (head.length >= 4 && head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) return 'utf-32be';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: a CSV header is mostly ASCII, whose
 * UTF-16 has a zero in every other byte (odd places: little-endian; even: big-endian). UTF-8
 * text has no zero bytes at all.
 */
export function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  if (oddZero >= 0.9 * pairs && evenZero === 0) return 'utf-16le';
  if (evenZero >= 0.9 * pairs && oddZero === 0) return 'utf-16be';
  return undefined;
}

/** UTF-32 without a byte-order mark: ASCII text has three zero bytes in every four. */
export function utf32WithoutBom(head: Uint8Array): 'utf-32le' | 'utf-32be' | undefined {
  const units = Math.floor(head.length / 4);
  if (units < 4) return undefined;
  let le = 0;
  let be = 0;
  for (let i = 0; i < units * 4; i += 4) {
    if (head[i + 2] !== 0) return undefined;
    if (head[i] !== 0 && head[i + 1] === 0 && head[i + 3] === 0) le++;
    if (head[i] === 0 && head[i + 1] === 0 && head[i + 3] !== 0) be++;
  }
  if (le >= 0.9 * units) return 'utf-32le';
  if (be >= 0.9 * units) return 'utf-32be';
  return undefined;
}

/** TextDecoder reads no UTF-32: such files are refused with a problem, not decoded as garbage. */
export function isUtf32(encoding: string): boolean {
  return /^utf-?32/i.test(encoding);
}

/**
 * Streams a file as UTF-8 chunks. UTF-16 input is transcoded on the way, so offsets then
 * refer to the transcoded stream (the caller keeps a transcoded copy to read rows from).
 * The yielded buffer is reused: consume it before asking for the next one.
 */
export async function* readUtf8Chunks(file: string, encoding: SourceEncoding, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const decoder = encoding === 'utf-8' ? undefined : new TextDecoder(encoding);
    const encoder = new TextEncoder();
    // A small first read: the header and first rows reach the screen sooner.
    let want = FIRST_CHUNK;
    for (;;) {
      if (signal?.aborted) throw new Error('cancelled');
      const { bytesRead } = await handle.read(buffer, 0, want, null);
      want = CHUNK;
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      yield decoder ? encoder.encode(decoder.decode(chunk, { stream: true })) : chunk;
    }
    if (decoder) {
      const rest = decoder.decode();
      if (rest) yield encoder.encode(rest);
    }
  } finally {
    await handle.close();
  }
}

/** True when TextDecoder can read this encoding label. */
export function isKnownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
