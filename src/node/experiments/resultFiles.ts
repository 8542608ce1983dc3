/**
 * Params and metrics files a training script leaves behind: `params.yaml` / `params.json`,
 * a Hydra run's `.hydra/config.yaml`, `metrics.json`, dvclive's `dvclive/metrics.json`.
 * Errors name the file and say what to do: they reach the user as they are.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { JsonValue, Metrics } from '../../core/experiments/schema';
import { flattenMetrics, isRecord, toJsonValue } from './importers/common';

/** Names of params files, most specific first (what the palette offers). */
export const PARAMS_FILE_GLOB = '**/{params.yaml,params.yml,params.json,.hydra/config.yaml}';
/** Names of metrics files (what the palette offers). */
export const METRICS_FILE_GLOB = '**/{metrics.json,metrics.yaml,dvclive/metrics.json}';

/** A params file as nested params. */
export async function readParamsFile(file: string): Promise<Record<string, JsonValue>> {
  return readMapping(file, 'params');
}

/**
 * A metrics file as flat metrics: nested names joined with "/" (`{"test": {"acc": 0.9}}` →
 * `test/acc`); dvclive's `step` counter is not a result and is left out. Non-numbers are skipped,
 * NaN and ±Infinity too (Python's json.dump writes them for a diverged run).
 */
export async function readMetricsFile(file: string): Promise<Metrics> {
  const value = await readMapping(file, 'metrics');
  const isDvclive = path.basename(path.dirname(file)) === 'dvclive';
  const metrics = flattenMetrics(value, (key) => isDvclive && key === 'step');
  if (Object.keys(metrics).length === 0) throw new Error(`${file}: has no numeric metrics; expected e.g. {"accuracy": 0.91}`);
  return metrics;
}

async function readMapping(file: string, what: 'params' | 'metrics'): Promise<Record<string, JsonValue>> {
  const value = parseResultText(file, await readResultText(file));
  if (value === null || value === undefined) return {};
  const json = toJsonValue(value);
  if (!isRecord(value) || json === undefined || json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new Error(`${file}: expected a mapping of ${what} at the top (name: value), found ${Array.isArray(value) ? 'a list' : typeof value}`);
  }
  return json;
}

async function readResultText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot be read (${code ?? (error as Error).message})`);
  }
}

/** JSON for a .json file, YAML otherwise; an error says where the text broke. */
function parseResultText(file: string, text: string): unknown {
  const kind = /\.json$/i.test(file) ? 'JSON' : 'YAML';
  try {
    return kind === 'JSON' ? parseJsonAllowingNonFinite(text) : parseYaml(text);
  } catch (error) {
    const why = kind === 'JSON' ? describeJsonError(text, error) : (error as Error).message.split('\n')[0];
    throw new Error(`${file}: not valid ${kind} (${why}); fix the file or choose another`);
  }
}

/**
 * Where JSON text broke, as a person reads it: `line 3, column 14: …`, or that the text stops
 * in the middle (a file cut short, e.g. read while its writer was still writing it).
 */
export function describeJsonError(text: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/ in JSON at position \d+.*$/, '');
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  const at = position ? Number(position[1]) : text.length;
  if (at >= text.trimEnd().length || /end of JSON input|^Unterminated/.test(message)) {
    return `the text ends in the middle of the JSON at line ${lineOf(text, text.trimEnd().length)}: the file is incomplete (cut short, or its writer is still running)`;
  }
  const line = lineOf(text, at);
  const column = at - text.lastIndexOf('\n', at - 1);
  return `line ${line}, column ${column}: ${message}`;
}

function lineOf(text: string, at: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * JSON, also as Python's json.dump writes it: bare NaN, Infinity and -Infinity (outside strings)
 * are read as null, so that one diverged value does not make the whole file unreadable.
 */
export function parseJsonAllowingNonFinite(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    let out = '';
    let inString = false;
    // [end of a replacement in `out`, length change so far]: error positions map back to `text`.
    const shifts: [number, number][] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        out += c;
        if (c === '\\') out += text[++i] ?? '';
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') {
        inString = true;
        out += c;
        continue;
      }
      const token = /^(?:-?Infinity|NaN)/.exec(text.slice(i, i + 9));
      if (token) {
        out += 'null';
        shifts.push([out.length, (shifts.at(-1)?.[1] ?? 0) + 4 - token[0].length]);
        i += token[0].length - 1;
        continue;
      }
      out += c;
    }
    if (out === text) throw error;
    try {
      return JSON.parse(out);
    } catch (second) {
      throw new SyntaxError((second as Error).message.replace(/at position (\d+)/, (_, p: string) => `at position ${Number(p) - ([...shifts].reverse().find(([end]) => end <= Number(p))?.[1] ?? 0)}`));
    }
  }
}
