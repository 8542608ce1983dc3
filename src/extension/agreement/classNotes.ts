import { copyRecord } from '../../core/config/dataRecord';

/** The class notes with `note` set (or removed when blank) for each of `classes`; class names are data, `__proto__` included. */
export function withClassNote(notes: Readonly<Record<string, string>> | undefined, classes: readonly string[], note: string): Record<string, string> {
  const out = copyRecord(notes);
  const text = note.trim();
  for (const c of classes) {
    if (text) out[c] = text;
    else delete out[c];
  }
  return out;
}
