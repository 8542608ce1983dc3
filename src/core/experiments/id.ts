/**
 * Experiment ids double as file names: `<yyyymmdd-hhmmss>-<slug>-<random hex>.json`.
 * The time sorts files by age in any file browser, the slug makes them readable, and the
 * random part keeps two writers recording the same name in the same second apart (the store
 * also creates files exclusively and retries with fresh bytes on the rare collision).
 * Random bytes come in as a parameter so this module stays pure.
 */

export const EXPERIMENT_FILE_EXTENSION = '.json';
const MAX_SLUG = 40;

/** The id for an experiment created at `date` (UTC, so ids do not depend on the machine's zone). */
export function formatExperimentId(date: Date, name: string, randomBytes: Uint8Array): string {
  if (randomBytes.length === 0) throw new Error('an experiment id needs at least one random byte');
  return `${formatTimestamp(date)}-${slugify(name)}-${toHex(randomBytes)}`;
}

export function experimentFileName(id: string): string {
  return id + EXPERIMENT_FILE_EXTENSION;
}

/** The id a file name stands for, or undefined for files that are not experiments (temp files, dotfiles). */
export function idFromFileName(fileName: string): string | undefined {
  if (fileName.startsWith('.') || !fileName.endsWith(EXPERIMENT_FILE_EXTENSION)) return undefined;
  const id = fileName.slice(0, -EXPERIMENT_FILE_EXTENSION.length);
  return id.length > 0 ? id : undefined;
}

/** `yyyymmdd-hhmmss` in UTC. */
export function formatTimestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
  return `${day}-${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}

/** Lowercase ASCII letters, digits and single dashes; accents are dropped, never the letter. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return slug || 'experiment';
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}
