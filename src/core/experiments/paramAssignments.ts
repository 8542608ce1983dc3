/**
 * Params typed by hand as `key=value` pairs, Hydra's override syntax:
 * `lr=0.001 batch_size=32 model.name="resnet 50" augment=true`.
 * Dotted keys nest (`model.name` → `{ model: { name } }`), as params files do, so typed and
 * file params compare key by key. Values are read as JSON when they are JSON (numbers,
 * booleans, null, lists), Python's True/False/None too; anything else is text. Keys are data:
 * `__proto__.x=1` is a param `x` inside a param named `__proto__`, like any other.
 */
import { getKey, hasKey, setKey } from './dataKeys';
import type { JsonValue } from './schema';

export type ParamAssignmentsResult = { ok: true; params: Record<string, JsonValue> } | { ok: false; error: string };

const KEY = /^[A-Za-z_][\w-]*(\.[A-Za-z_0-9][\w-]*)*$/;

/** Parses whitespace-separated `key=value` pairs; quotes ("…" or '…') keep spaces in a value. */
export function parseParamAssignments(text: string): ParamAssignmentsResult {
  const split = splitWords(text);
  if (!split.ok) return split;
  const params: Record<string, JsonValue> = {};
  for (const word of split.words) {
    const eq = word.raw.indexOf('=');
    if (eq <= 0) return { ok: false, error: `expected key=value, got "${word.raw}"` };
    const key = word.raw.slice(0, eq);
    if (!KEY.test(key)) return { ok: false, error: `"${key}" is not a param name (letters, digits, "_", "-", dots between parts)` };
    const problem = assign(params, key.split('.'), word.quoted ? word.value.slice(eq + 1) : parseParamValue(word.value.slice(eq + 1)));
    if (problem) return { ok: false, error: problem };
  }
  return { ok: true, params };
}

/** A typed value as JSON: `0.1` → 0.1, `true`/`True` → true, `[1,2]` → [1, 2], `adam` → "adam". */
export function parseParamValue(text: string): JsonValue {
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (text === 'None' || text === '~') return null;
  if (/^[-+\d.[{"tfn]/.test(text)) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      // not JSON: text
    }
  }
  return text;
}

interface Word {
  /** As typed, quotes included (for messages). */
  raw: string;
  /** Quotes removed. */
  value: string;
  /** The value (after "=") was quoted: keep it as text. */
  quoted: boolean;
}

function splitWords(text: string): { ok: true; words: Word[] } | { ok: false; error: string } {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    const word: Word = { raw: '', value: '', quoted: false };
    while (i < text.length && !/\s/.test(text[i])) {
      const c = text[i];
      if (c === '"' || c === "'") {
        const end = text.indexOf(c, i + 1);
        if (end < 0) return { ok: false, error: `a ${c} opened in "${text.slice(i)}" is never closed` };
        // Quotes after the "=" make the value text: lr="0.1" stays the string "0.1".
        if (word.value.includes('=')) word.quoted = true;
        word.raw += text.slice(i, end + 1);
        word.value += text.slice(i + 1, end);
        i = end + 1;
      } else {
        word.raw += c;
        word.value += c;
        i++;
      }
    }
    words.push(word);
  }
  return { ok: true, words };
}

function assign(params: Record<string, JsonValue>, path: string[], value: JsonValue): string | undefined {
  let node = params;
  for (const part of path.slice(0, -1)) {
    const next = getKey(node, part);
    if (next === undefined) {
      const child: Record<string, JsonValue> = {};
      setKey(node, part, child);
      node = child;
    } else if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next;
    else return `"${path.join('.')}" is set inside "${part}", which already has a value`;
  }
  const last = path[path.length - 1];
  if (hasKey(node, last)) return `"${path.join('.')}" is given twice`;
  setKey(node, last, value);
  return undefined;
}

/** `overrides` laid over `base` key by key (nested mappings merge; any other value replaces). */
export function mergeParams(base: Record<string, JsonValue>, overrides: Record<string, JsonValue>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = getKey(out, key);
    setKey(out, key, isMapping(current) && isMapping(value) ? mergeParams(current, value) : value);
  }
  return out;
}

function isMapping(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
