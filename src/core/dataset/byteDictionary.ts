/**
 * Interns byte strings into dense integer codes without making a JS string per value.
 * Open addressing over FNV-1a hashes; entry bytes live in one growing pool.
 */
export class ByteDictionary {
  private pool: Uint8Array = new Uint8Array(4096);
  private poolLength = 0;
  private starts: Int32Array = new Int32Array(64);
  private lengths: Int32Array = new Int32Array(64);
  private hashes: Int32Array = new Int32Array(64);
  private table: Int32Array = new Int32Array(128).fill(-1);
  private mask = 127;
  size = 0;

  /** Returns the code of the bytes, adding them when new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    return this.internHashed(bytes, start, end, fnv1a(bytes, start, end));
  }

  /** `intern` when the caller already computed `fnv1a` of the bytes. */
  internHashed(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    const table = this.table;
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const entry = table[slot];
      if (entry < 0) break;
      if (this.hashes[entry] === hash && this.lengths[entry] === length) {
        const pool = this.pool;
        const at = this.starts[entry] - start;
        let k = start;
        while (k < end && pool[at + k] === bytes[k]) k++;
        if (k === end) return entry;
      }
      slot = (slot + 1) & mask;
    }
    const code = this.add(bytes, start, end, hash);
    this.table[slot] = code;
    if (this.size * 2 > this.mask) this.rehash();
    return code;
  }

  /** Every entry decoded, by code. */
  values(): string[] {
    const decoder = new TextDecoder('utf-8');
    const out = new Array<string>(this.size);
    for (let i = 0; i < this.size; i++) {
      out[i] = decoder.decode(this.pool.subarray(this.starts[i], this.starts[i] + this.lengths[i]));
    }
    return out;
  }

  private add(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const code = this.size;
    if (code === this.starts.length) {
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
      this.hashes = grow(this.hashes);
    }
    const length = end - start;
    if (this.poolLength + length > this.pool.length) {
      let size = this.pool.length * 2;
      while (size < this.poolLength + length) size *= 2;
      const pool = new Uint8Array(size);
      pool.set(this.pool.subarray(0, this.poolLength));
      this.pool = pool;
    }
    this.pool.set(bytes.subarray(start, end), this.poolLength);
    this.starts[code] = this.poolLength;
    this.lengths[code] = length;
    this.hashes[code] = hash;
    this.poolLength += length;
    this.size++;
    return code;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let code = 0; code < this.size; code++) {
      let slot = this.hashes[code] & this.mask;
      while (this.table[slot] >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = code;
    }
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** 32-bit FNV-1a of a byte range. */
export function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export function fnv1aString(text: string): number {
  const bytes = new TextEncoder().encode(text);
  return fnv1a(bytes, 0, bytes.length);
}
