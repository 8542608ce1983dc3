import * as path from 'node:path';
import type { FileAccess } from './fileAccess';

/**
 * FileAccess over a Map, for tests: files are bytes by absolute path, folders are implied.
 * `failRead` makes reading a path throw (a file that exists but cannot be read).
 */
export class MemoryFileAccess implements FileAccess {
  readonly files = new Map<string, Uint8Array>();
  readonly failRead = new Set<string>();
  /** Every atomic write, in order (path only). */
  readonly writes: string[] = [];

  async read(file: string): Promise<Uint8Array | undefined> {
    if (this.failRead.has(file)) throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
    const bytes = this.files.get(file);
    return bytes === undefined ? undefined : bytes.slice();
  }

  async writeAtomic(file: string, content: string | Uint8Array): Promise<void> {
    this.writes.push(file);
    this.files.set(file, toBytes(content));
  }

  async create(file: string, content: string | Uint8Array): Promise<boolean> {
    if (this.files.has(file)) return false;
    this.files.set(file, toBytes(content));
    return true;
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    return [...this.files.keys()].filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes(path.sep)).map((f) => f.slice(prefix.length));
  }

  async remove(file: string): Promise<void> {
    this.files.delete(file);
  }

  async copy(from: string, to: string): Promise<void> {
    const bytes = this.files.get(from);
    if (bytes === undefined) throw Object.assign(new Error(`ENOENT: no such file, copyfile '${from}'`), { code: 'ENOENT' });
    this.files.set(to, bytes.slice());
  }

  /** Test helpers: text in and out. */
  writeText(file: string, text: string): void {
    this.files.set(file, toBytes(text));
  }

  text(file: string): string | undefined {
    const bytes = this.files.get(file);
    return bytes === undefined ? undefined : new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  }
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content.slice();
}
