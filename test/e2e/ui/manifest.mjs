// package.json as VS Code shows it: its %key% strings replaced by their English text in package.nls.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../setup.mjs';

export function localizedManifest() {
  const strings = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
  const localize = (_key, value) => (typeof value === 'string' && /^%[^%]+%$/.test(value) && Object.hasOwn(strings, value.slice(1, -1)) ? strings[value.slice(1, -1)] : value);
  return JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'), localize);
}
