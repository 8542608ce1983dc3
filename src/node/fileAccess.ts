import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomicWrite';

/**
 * The file operations a label document's sidecar, tags.json and journal need. Paths are
 * absolute. The document model gets them through this interface, so it is tested in Node
 * on an in-memory fake (memoryFileAccess.ts) with no disk and no VS Code.
 */
export interface FileAccess {
  /** The file's bytes; undefined when there is no such file (other errors throw). */
  read(file: string): Promise<Uint8Array | undefined>;
  /** Replaces the file so that a crash leaves the old or the new content (parents created). */
  writeAtomic(file: string, content: string | Uint8Array): Promise<void>;
  /** Creates the file only when it does not exist (parents created); false when it did. */
  create(file: string, content: string | Uint8Array): Promise<boolean>;
  /** Names in a folder; empty when there is no such folder. */
  list(dir: string): Promise<string[]>;
  /** Removes a file; nothing when it does not exist. */
  remove(file: string): Promise<void>;
  copy(from: string, to: string): Promise<void>;
}

// ignoreBOM keeps a byte order mark in the text, as Node's readFile does, so parsers can report it.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** A file's text (UTF-8, as Node's readFile 'utf8' decodes it); undefined when there is no such file. */
export async function readTextFile(files: FileAccess, file: string): Promise<string | undefined> {
  const bytes = await files.read(file);
  return bytes === undefined ? undefined : utf8.decode(bytes);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

export const nodeFileAccess: FileAccess = {
  async read(file) {
    try {
      return await fs.readFile(file);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
  writeAtomic: writeFileAtomic,
  async create(file, content) {
    await fs.mkdir(path.dirname(file), { recursive: true });
    try {
      await fs.writeFile(file, content, { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  },
  async list(dir) {
    try {
      return await fs.readdir(dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  },
  remove: (file) => fs.rm(file, { force: true }),
  copy: (from, to) => fs.copyFile(from, to),
};
