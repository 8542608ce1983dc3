/**
 * Joins the columns of two consecutive parts of one file, parsed in parallel, into what a
 * single pass would have built: codes of the second part are remapped into the first
 * part's dictionaries (new values appended in order of first appearance), lines shifted.
 */
import { mixedLineEndings } from './columnarParser';
import type { Dataset } from './dataset';

const MAX_PROBLEMS_PER_KIND = 100;

export function mergeDatasetParts(first: Dataset, second: Dataset, linesInFirst: number): Dataset {
  const n = first.rowCount + second.rowCount;
  const columns = first.columns.map((c, i) => (second.columns[i].kind === 'text' && c.kind !== 'text' ? { ...c, kind: 'text' as const } : c));
  const codes: (Int32Array | null)[] = [];
  const dictionaries: (string[] | null)[] = [];
  columns.forEach((column, i) => {
    const a = first.codes[i];
    const b = second.codes[i];
    if (column.kind !== 'categorical' || !a || !b) {
      codes.push(null);
      dictionaries.push(null);
      return;
    }
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
    const merged = new Int32Array(n);
    merged.set(a);
    for (let r = 0; r < b.length; r++) merged[a.length + r] = b[r] < 0 ? -1 : remap[b[r]];
    codes.push(merged);
    dictionaries.push(dictionary);
  });
  const rowLines = new Uint32Array(n);
  rowLines.set(first.rowLines);
  for (let r = 0; r < second.rowCount; r++) rowLines[first.rowCount + r] = second.rowLines[r] + linesInFirst;
  const rowStarts = new Float64Array(n + 1);
  rowStarts.set(first.rowStarts.subarray(0, first.rowCount));
  rowStarts.set(second.rowStarts, first.rowCount);
  const firstOf = (kind: 'lf' | 'crlf' | 'cr') => {
    const a = first.lineEndings.firstLines?.[kind] ?? 0;
    const b = second.lineEndings.firstLines?.[kind] ?? 0;
    return a > 0 ? a : b > 0 ? b + linesInFirst : 0;
  };
  const lineEndings = {
    lf: first.lineEndings.lf + second.lineEndings.lf,
    crlf: first.lineEndings.crlf + second.lineEndings.crlf,
    cr: first.lineEndings.cr + second.lineEndings.cr,
    firstLines: { lf: firstOf('lf'), crlf: firstOf('crlf'), cr: firstOf('cr') },
  };
  const problems = [...first.problems, ...second.problems.map((p) => ({ ...p, line: p.line + linesInFirst }))];
  const totals: Record<string, number> = { ...first.problemTotals };
  for (const [kind, count] of Object.entries(second.problemTotals)) totals[kind] = (totals[kind] ?? 0) + count;
  const mixed = mixedLineEndings(lineEndings);
  if (mixed) {
    problems.push(mixed);
    totals[mixed.kind] = 1;
  }
  return {
    rowCount: n,
    columns,
    codes,
    dictionaries,
    numbers: columns.map((c, i) => (c.kind === 'numeric' ? concatFloat(first.numbers[i]!, second.numbers[i]!) : null)),
    keyHashes: first.keyHashes && second.keyHashes ? concatUint(first.keyHashes, second.keyHashes) : null,
    rowStarts,
    rowLines,
    delimiter: first.delimiter,
    dataStart: first.dataStart,
    byteLength: second.byteLength,
    problems: capPerKind(problems),
    problemTotals: totals,
    lineEndings,
  };
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
