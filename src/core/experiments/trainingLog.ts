/**
 * Incremental readers for per-epoch training logs, fed the text a script appends as it runs:
 *
 * - Keras `CSVLogger`: `epoch,loss,accuracy,val_loss,...`, one row per epoch (step = epoch).
 * - PyTorch Lightning `CSVLogger` `metrics.csv`: `epoch,step,train_loss,val_loss,...`; rows
 *   log different metrics at the same step, so most cells are empty (step = `step`).
 * - Any other CSV/TSV with a step-like column (dvclive `.tsv` files fit here), else the row index.
 * - JSON Lines of `{"step": 3, "loss": 0.2, ...}`.
 *
 * Only whole lines are read: the text after the last newline is held back until the rest of
 * the line arrives (a script may be halfway through writing it). A malformed line in the
 * middle is reported with its line number and skipped; it never stops the reading. Every
 * number must be a complete decimal (`0.` or `1e` is a value cut short, never 0), and series
 * names are data (a column named `constructor` is a series like any other).
 */
import { parseCsvText } from '../csv/rows';
import { DECIMAL, listAt } from './dataKeys';
import type { SeriesPoint } from './schema';

export type TrainingLogFormat = 'keras-csv' | 'lightning-csv' | 'csv' | 'jsonl';

/** series name → points in file order */
export type SeriesMap = Record<string, SeriesPoint[]>;

export interface TrainingLogProblem {
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export interface TrainingLogUpdate {
  /** Points read by this call only. */
  points: SeriesMap;
  problems: TrainingLogProblem[];
}

/** Unreadable rows before any readable one that make a file "not a training log" (a label CSV, say). */
export const NOT_A_LOG_ROWS = 3;

export interface TrainingLogOptions {
  /** Fixed format; by default it is told from the file name and the first line. */
  format?: TrainingLogFormat;
  /** Used to tell JSON Lines (`.jsonl`, `.ndjson`) and TSV (`.tsv`) from their names. */
  fileName?: string;
}

// Columns or keys that count steps rather than measure anything, best x-axis first.
const STEP_KEYS = ['step', 'global_step', '_step', 'epoch', 'iteration', 'iter'];
const NOT_SERIES = new Set([...STEP_KEYS, 'timestamp', 'time', 'wall_time', '_timestamp', '_runtime']);
// Python writes these for NaN and infinities: real values, just not plottable, so not errors.
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

export class TrainingLogParser {
  /** All points read so far. */
  readonly series: SeriesMap = {};
  /** All problems so far. */
  readonly problems: TrainingLogProblem[] = [];
  private held = '';
  private linesDone = 0;
  private detected: TrainingLogFormat | undefined;
  private header: string[] | undefined;
  private stepColumn = -1;
  private delimiter = 0x2c;
  private rowIndex = 0;
  private sawPoints = false;
  /** Problems of the first rows, held until a readable row shows the file is a log after all. */
  private readonly pending: TrainingLogProblem[] = [];
  private verdict: string | undefined;
  private stepKey: string | undefined;

  constructor(private readonly options: TrainingLogOptions = {}) {
    this.detected = options.format;
  }

  get format(): TrainingLogFormat | undefined {
    return this.detected;
  }

  /** Complete lines read so far. */
  get linesRead(): number {
    return this.linesDone;
  }

  /**
   * Why this file is not a training log (its first rows hold no numbers: a label CSV, say), in
   * one sentence naming the file; reading stops there instead of reporting every row.
   */
  get notATrainingLog(): string | undefined {
    return this.verdict;
  }

  /** What the x-axis counts, named as the log names it: "epoch" for a Keras log, "step", or "row" when no column counts. */
  get stepName(): string {
    return this.stepKey ?? 'row';
  }

  /** The series names seen so far, in order of first appearance. */
  get seriesNames(): string[] {
    return Object.keys(this.series);
  }

  /** Feeds newly appended text; returns what the complete lines in it added. */
  push(chunk: string): TrainingLogUpdate {
    this.held += chunk;
    const cut = this.held.lastIndexOf('\n');
    if (cut < 0) return { points: {}, problems: [] };
    const complete = this.held.slice(0, cut + 1);
    this.held = this.held.slice(cut + 1);
    return this.readLines(complete);
  }

  /**
   * Ends the reading: the held-back text after the last newline is read only when it is a
   * whole JSON object (JSON shows where it ends); a CSV row without its newline may be cut
   * inside a number (`0.93` written as far as `0.9`), so it is reported and skipped.
   */
  flush(): TrainingLogUpdate {
    const rest = this.held;
    this.held = '';
    if (rest.trim() === '' || this.verdict !== undefined) return this.judgeAtEnd();
    this.detected ??= detectFormat(rest, this.options.fileName);
    if (this.detected === 'jsonl' && isJsonObject(rest)) return this.readLines(`${rest}\n`);
    const problem = { line: this.linesDone + 1, message: 'incomplete last line (no newline), skipped (the writer may still be running)' };
    const update = this.judgeAtEnd();
    this.problems.push(problem);
    update.problems.push(problem);
    return update;
  }

  private readLines(text: string): TrainingLogUpdate {
    const update: TrainingLogUpdate = { points: {}, problems: [] };
    if (this.verdict !== undefined) return update;
    const firstLine = this.linesDone + 1;
    this.detected ??= detectFormat(text, this.options.fileName);
    if (this.detected === 'jsonl') this.readJsonLines(text, firstLine, update);
    else this.readCsvLines(text, firstLine, update);
    this.linesDone += countNewlines(text);
    this.judge(update, NOT_A_LOG_ROWS);
    this.problems.push(...update.problems);
    return update;
  }

  /** Until a row is read, its problems wait: enough unreadable first rows and the file is not a log. */
  private judge(update: TrainingLogUpdate, enough: number): void {
    if (this.sawPoints || this.verdict !== undefined) return;
    if (Object.keys(update.points).length > 0) {
      this.sawPoints = true;
      update.problems.unshift(...this.pending.splice(0));
      return;
    }
    this.pending.push(...update.problems.splice(0));
    if (this.pending.length >= enough) this.verdict = notALogMessage(this.options.fileName, this.pending);
  }

  /** At the end of the file, a single unreadable row is enough. */
  private judgeAtEnd(): TrainingLogUpdate {
    const update: TrainingLogUpdate = { points: {}, problems: [] };
    this.judge(update, 1);
    return update;
  }

  private readJsonLines(text: string, firstLine: number, update: TrainingLogUpdate): void {
    text.split('\n').forEach((raw, i) => {
      const line = raw.replace(/\r$/, '').trim();
      if (line === '') return;
      const problem = this.readJsonRecord(line, update);
      if (problem) update.problems.push({ line: firstLine + i, message: `${problem}; this line was skipped` });
    });
  }

  private readJsonRecord(line: string, update: TrainingLogUpdate): string | undefined {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return `not valid JSON (${(error as Error).message})`;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
    const record = value as Record<string, unknown>;
    const stepKey = STEP_KEYS.find((k) => typeof record[k] === 'number' && Number.isFinite(record[k]));
    const step = stepKey ? (record[stepKey] as number) : this.rowIndex;
    this.stepKey ??= stepKey;
    this.rowIndex++;
    for (const [name, v] of flattenNumbers(record)) {
      if (!NOT_SERIES.has(name) && !name.startsWith('_')) this.addPoint(update, name, step, v);
    }
    return undefined;
  }

  private readCsvLines(text: string, firstLine: number, update: TrainingLogUpdate): void {
    if (this.header === undefined) this.delimiter = chooseDelimiter(text, this.options.fileName);
    // Line by line, so a stray quote on one line cannot swallow the lines after it.
    text.split('\n').forEach((raw, i) => {
      if (raw.trim() === '') return;
      const line = firstLine + i;
      const parsed = parseCsvText(raw, { delimiter: this.delimiter });
      const broken = parsed.problems.find((p) => p.severity === 'error');
      if (broken) {
        update.problems.push({ line, message: `${broken.message.split(';')[0]}; this line was skipped` });
        return;
      }
      const fields = (parsed.records[0]?.fields ?? []).map((f) => f.trim());
      if (this.header === undefined || this.isRepeatedHeader(fields)) {
        this.setHeader(fields);
        return;
      }
      const problem = this.readCsvRow(fields, update);
      if (problem) update.problems.push({ line, message: `${problem}; this line was skipped` });
    });
  }

  private setHeader(fields: string[]): void {
    this.header = fields;
    this.stepColumn = STEP_KEYS.map((k) => fields.indexOf(k)).find((i) => i >= 0) ?? -1;
    this.stepKey = this.stepColumn >= 0 ? fields[this.stepColumn] : undefined;
    if (this.options.format === undefined && this.detected !== 'jsonl') this.detected = csvFlavour(fields);
  }

  /** A header written again (a script restarted in append mode, or new columns appeared). */
  private isRepeatedHeader(fields: string[]): boolean {
    const stepName = this.header?.[this.stepColumn];
    return stepName !== undefined && fields.includes(stepName) && fields.every((f) => f !== '' && !isNumberText(f));
  }

  private readCsvRow(fields: string[], update: TrainingLogUpdate): string | undefined {
    const header = this.header ?? [];
    if (fields.length !== header.length) return `expected ${header.length} fields, found ${fields.length}`;
    const values: [string, number][] = [];
    for (let c = 0; c < fields.length; c++) {
      const cell = fields[c];
      if (c === this.stepColumn || cell === '' || NON_FINITE.test(cell)) continue;
      if (!isNumberText(cell)) return `column "${header[c]}": ${JSON.stringify(cell)} is not a number`;
      if (!NOT_SERIES.has(header[c])) values.push([header[c], Number(cell)]);
    }
    const step = this.stepOf(fields);
    if (step === undefined) return `column "${header[this.stepColumn]}": ${JSON.stringify(fields[this.stepColumn])} is not a step number`;
    for (const [name, value] of values) this.addPoint(update, name, step, value);
    return undefined;
  }

  private stepOf(fields: string[]): number | undefined {
    if (this.stepColumn < 0) return this.rowIndex++;
    const cell = fields[this.stepColumn];
    return isNumberText(cell) ? Number(cell) : undefined;
  }

  private addPoint(update: TrainingLogUpdate, name: string, step: number, value: number): void {
    const point = { step, value };
    listAt(this.series, name).push(point);
    listAt(update.points, name).push(point);
  }
}

/** A parser to feed appended chunks of one log file. */
export function createTrainingLogParser(options: TrainingLogOptions = {}): TrainingLogParser {
  return new TrainingLogParser(options);
}

/** Reads a whole log at once; a last line without its newline counts only when it is a whole JSON object (see `flush`). */
export function parseTrainingLog(text: string, options: TrainingLogOptions = {}): { series: SeriesMap; problems: TrainingLogProblem[]; format: TrainingLogFormat | undefined } {
  const parser = createTrainingLogParser(options);
  parser.push(text);
  parser.flush();
  return { series: parser.series, problems: parser.problems, format: parser.format };
}

function notALogMessage(fileName: string | undefined, unreadable: readonly TrainingLogProblem[]): string {
  const name = fileName ? (fileName.split(/[\\/]/).pop() ?? fileName) : 'This file';
  const first = unreadable[0];
  const rows = unreadable.length === 1 ? 'its only row' : `none of its first ${unreadable.length} rows`;
  return (
    `${name} is not a training log: ${rows} can be read as numbers (line ${first.line}: ${first.message.split(';')[0]}). ` +
    'A training log has one row per step or epoch: a step or epoch column and numeric metrics, e.g. "epoch,loss,accuracy" ' +
    '(Keras CSVLogger, Lightning metrics.csv, dvclive .tsv) or JSON Lines of {"step": 1, "loss": 0.5}. ' +
    'To browse a label file, open it with "Loupe: Open Label File".'
  );
}

function detectFormat(text: string, fileName: string | undefined): TrainingLogFormat {
  if (fileName && /\.(jsonl|ndjson)$/i.test(fileName)) return 'jsonl';
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return first.trim().startsWith('{') ? 'jsonl' : 'csv';
}

function csvFlavour(header: string[]): TrainingLogFormat {
  if (header.includes('step') && header.includes('epoch')) return 'lightning-csv';
  if (header[0] === 'epoch') return 'keras-csv';
  return 'csv';
}

function chooseDelimiter(text: string, fileName: string | undefined): number {
  if (fileName && /\.tsv$/i.test(fileName)) return 0x09;
  const first = text.split('\n')[0] ?? '';
  return first.includes('\t') && !first.includes(',') ? 0x09 : 0x2c;
}

function isNumberText(text: string): boolean {
  return DECIMAL.test(text.trim()) && Number.isFinite(Number(text));
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Finite numbers of a JSON object, nested objects named with `/` (`{"val": {"loss": 1}}` → `val/loss`). */
function flattenNumbers(record: Record<string, unknown>, prefix = ''): [string, number][] {
  const out: [string, number][] = [];
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}/${key}` : key;
    if (typeof value === 'number' && Number.isFinite(value)) out.push([name, value]);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) out.push(...flattenNumbers(value as Record<string, unknown>, name));
  }
  return out;
}

// Names of series that are losses or rates even when their values happen to lie in [0, 1].
const NOT_A_SHARE = /loss|error|mse|mae|rmse|perplexity|(^|[^a-z])lr([^a-z]|$)|learning.?rate|grad|norm|time|epoch|step/i;

/**
 * Which y-axis a series belongs on: `share` (accuracy, F1, AUC… plotted 0–1 on the right) when
 * every value lies in [0, 1] and its name is not a loss or a rate; else `value` (losses and the
 * rest, on the left, fitted to the data). One axis for both would flatten either the loss or
 * the accuracy.
 */
export function seriesAxis(name: string, points: readonly SeriesPoint[]): 'value' | 'share' {
  const finite = points.filter((p) => Number.isFinite(p.value));
  if (finite.length === 0 || NOT_A_SHARE.test(name)) return 'value';
  return finite.every((p) => p.value >= 0 && p.value <= 1) ? 'share' : 'value';
}

/**
 * TensorBoard's smoothing: an exponential moving average, debiased.
 *
 * `s_t = w·s_{t−1} + (1−w)·x_t` with `s_0 = 0`, then divided by `1 − w^n` (n = finite points so
 * far). Without that division the curve would start near 0, because the average begins at 0;
 * with it the first smoothed point equals the first value and early points are not dragged
 * down. Non-finite values pass through unsmoothed and do not advance the average; a constant
 * series is returned as it is (the division would only add rounding noise). `weight` is in
 * [0, 1): 0 leaves the series unchanged, 0.6 is TensorBoard's default, 0.99 is very smooth.
 */
export function smoothSeries(points: readonly SeriesPoint[], weight: number): SeriesPoint[] {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`smoothing weight must be in [0, 1), got ${weight}`);
  const constant = points.every((p) => p.value === points[0].value);
  let last = 0;
  let count = 0;
  return points.map((p) => {
    if (constant || !Number.isFinite(p.value)) return { ...p };
    last = last * weight + (1 - weight) * p.value;
    count++;
    return { ...p, value: last / (1 - Math.pow(weight, count)) };
  });
}
