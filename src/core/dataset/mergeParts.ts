/**
 * Joins the columns of two consecutive parts of one file, parsed in parallel, into what a
 * single pass would have built: codes of the second part are remapped into the first
 * part's dictionaries (new values appended in order of first appearance), lines shifted.
 */
import type { LineEndingCounts } from '../csv/scanner';
import { mixedLineEndings } from './columnarParser';
import type { Dataset } from './dataset';

const MAX_PROBLEMS_PER_KIND = 100;

export function mergeDatasetParts(first: Dataset, second: Dataset, linesInFirst: number): Dataset {
  const n = first.rowCount + second.rowCount;
  const columns = first.columns.map((c, i) => (second.columns[i].kind === 'text' && c.kind !== 'text' ? { ...c, kind: 'text' as const } : c));
  const categorical = columns.map((column, i) => (column.kind === 'categorical' ? mergeCategorical(first, second, i) : null));
  const lineEndings = mergeLineEndings(first.lineEndings, second.lineEndings, linesInFirst);
  const { problems, totals } = mergeProblems(first, second, linesInFirst, lineEndings);
  return {
    rowCount: n,
    columns,
    codes: categorical.map((c) => c?.codes ?? null),
    dictionaries: categorical.map((c) => c?.dictionary ?? null),
    numbers: columns.map((c, i) => (c.kind === 'numeric' ? concatFloat(first.numbers[i]!, second.numbers[i]!) : null)),
    keyHashes: first.keyHashes && second.keyHashes ? concatUint(first.keyHashes, second.keyHashes) : null,
    rowStarts: concatRowStarts(first, second),
    rowLines: concatRowLines(first, second, linesInFirst),
    delimiter: first.delimiter,
    dataStart: first.dataStart,
    byteLength: second.byteLength,
    problems: capPerKind(problems),
    problemTotals: totals,
    lineEndings,
  };
}

/** Column `i` of both parts in the first part's dictionary (the second's new values appended in order). */
function mergeCategorical(first: Dataset, second: Dataset, i: number): { codes: Int32Array; dictionary: string[] } | null {
  const a = first.codes[i];
  const b = second.codes[i];
  if (!a || !b) return null;
  const dictionary = [...first.dictionaries[i]!];
  const index = new Map(dictionary.map((v, code) => [v, code]));
  const remap = Int32Array.from(second.dictionaries[i]!, (v) => {
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(v);
      index.set(v, code);
    }
    return code;
  });
  const merged = new Int32Array(first.rowCount + second.rowCount);
  merged.set(a);
  for (let r = 0; r < b.length; r++) merged[a.length + r] = b[r] < 0 ? -1 : remap[b[r]];
  return { codes: merged, dictionary };
}

function concatRowLines(first: Dataset, second: Dataset, linesInFirst: number): Uint32Array {
  const rowLines = new Uint32Array(first.rowCount + second.rowCount);
  rowLines.set(first.rowLines);
  for (let r = 0; r < second.rowCount; r++) rowLines[first.rowCount + r] = second.rowLines[r] + linesInFirst;
  return rowLines;
}

/** Row offsets, plus the end offset the second part holds last. */
function concatRowStarts(first: Dataset, second: Dataset): Float64Array {
  const rowStarts = new Float64Array(first.rowCount + second.rowCount + 1);
  rowStarts.set(first.rowStarts.subarray(0, first.rowCount));
  rowStarts.set(second.rowStarts, first.rowCount);
  return rowStarts;
}

function mergeLineEndings(a: LineEndingCounts, b: LineEndingCounts, linesInFirst: number): LineEndingCounts {
  const firstOf = (kind: 'lf' | 'crlf' | 'cr') => {
    const inA = a.firstLines?.[kind] ?? 0;
    const inB = b.firstLines?.[kind] ?? 0;
    return inA > 0 ? inA : inB > 0 ? inB + linesInFirst : 0;
  };
  return {
    lf: a.lf + b.lf,
    crlf: a.crlf + b.crlf,
    cr: a.cr + b.cr,
    firstLines: { lf: firstOf('lf'), crlf: firstOf('crlf'), cr: firstOf('cr') },
  };
}

/** Both parts' problems (the second's lines shifted) and totals, plus mixed line endings over the whole file. */
function mergeProblems(first: Dataset, second: Dataset, linesInFirst: number, lineEndings: LineEndingCounts) {
  const problems = [...first.problems, ...second.problems.map((p) => ({ ...p, line: p.line + linesInFirst }))];
  const totals: Record<string, number> = { ...first.problemTotals };
  for (const [kind, count] of Object.entries(second.problemTotals)) totals[kind] = (totals[kind] ?? 0) + count;
  const mixed = mixedLineEndings(lineEndings);
  if (mixed) {
    problems.push(mixed);
    totals[mixed.kind] = 1;
  }
  return { problems, totals };
}

function concatFloat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function concatUint(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function capPerKind<T extends { kind: string }>(problems: T[]): T[] {
  const seen = new Map<string, number>();
  return problems.filter((p) => {
    const count = (seen.get(p.kind) ?? 0) + 1;
    seen.set(p.kind, count);
    return count <= MAX_PROBLEMS_PER_KIND;
  });
}
