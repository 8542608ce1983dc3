/** Filtering and sorting of rows into a view: the order the table shows. */
import { TIE } from '../agreement/consensus';
import { classOfCodeIn, readDatasetClasses } from '../values/datasetClasses';
import { columnByRole, type Dataset } from './dataset';
import { CONFLICT, DUPLICATE, LEAKED } from '../dataChecks/findDuplicates';
import { rowTestOfKind, type ComparisonKind } from '../modelComparison/rowOutcomes';
import { OUTCOME_ERROR } from './outcome';
import type { RowTags } from './rowTags';
import { compareValues, rankDictionary, sortRowsByNumber, sortRowsByRank } from './sortKeys';

export interface ViewFilter {
  misclassified?: boolean;
  /** Labelers gave different labels. */
  disagree?: boolean;
  /** Rows with at least one tag, or with none. */
  tagged?: 'any' | 'none';
  /** Rows carrying this tag. */
  tag?: string;
  /**
   * Categorical columns restricted to some values (slice = x, label = a and prediction = b, …).
   * `byClass`: the values are class names as the metrics show them, and every spelling of a
   * class matches (`1.0` for the class `1`, DOMAIN.md §1).
   */
  columns?: { column: number; values: string[]; byClass?: boolean }[];
  /** Range of the score column (inclusive). */
  score?: { min?: number; max?: number };
  /** Free text searched in the input column (case-insensitive). */
  search?: string;
  /** The columns `search` looks in, by name (setting loupe.table.searchColumns); absent: every text column. */
  searchColumns?: string[];
  /** Labelers tie on the top label. */
  tie?: boolean;
  /** Share of labelers giving the modal label below this. */
  agreementBelow?: number;
  /** One labeler said a and another b (computed by the caller into `pairMatches`). */
  pair?: [string, string];
  /** Rows with a review decision (`reviewed`). */
  reviewed?: boolean;
  /** Rows whose input repeats another row's, with conflicting labels, or across splits (DOMAIN.md §5). */
  dataCheck?: DataCheckFilter;
  /** Likely label errors (confident learning, DOMAIN.md §7) not yet decided in review. */
  likelyError?: boolean;
  /**
   * Rows where B (column `b`) fixed, broke or changed the prediction column's answer (DOMAIN.md §8;
   * flags computed by the caller); `labelClass`: only rows of that label, named as `loupe compare` names classes.
   */
  comparison?: { b: number; kind: ComparisonKind; labelClass?: string };
}

export type DataCheckFilter = 'duplicate' | 'conflicting' | 'leaked';
const DATA_CHECK_BITS: Readonly<Record<DataCheckFilter, number>> = { duplicate: DUPLICATE, conflicting: CONFLICT, leaked: LEAKED };

export interface ViewSort {
  column: number;
  descending: boolean;
}

export interface ViewInputs {
  dataset: Dataset;
  outcomes: Uint8Array | undefined;
  disagreement?: Uint8Array;
  tags?: RowTags;
  /** Rows whose input matches `filter.search`, computed by the caller (it needs the file). */
  searchMatches?: Uint8Array;
  /** Per row: share of labelers giving the modal label (NaN: unlabeled) and whether they tie. */
  /** Per row: the labelers' modal label (TIE when they tie) and the share giving it. */
  consensus?: { agreement: Float64Array; modal: Int32Array };
  pairMatches?: Uint8Array;
  reviewedRows?: Uint8Array;
  /** Per row: DUPLICATE | CONFLICT | LEAKED bits (core/dataChecks), computed by the caller. */
  dataCheckFlags?: Uint8Array;
  /** Per row: 1 for a likely label error (core/labelIssues), computed by the caller. */
  labelIssueRows?: Uint8Array;
  /** Per row: how the prediction column and `filter.comparison.b` compare (core/modelComparison/rowOutcomes), computed by the caller. */
  comparisonFlags?: Uint8Array;
}

type RowTest = (row: number) => boolean;

/** Rows that pass every filter (AND), in file order. */
export function filterRows(inputs: ViewInputs, filter: ViewFilter): Uint32Array {
  const tests = rowTests(inputs, filter);
  const n = inputs.dataset.rowCount;
  if (tests === 'none') return new Uint32Array(0);
  if (tests.length === 0) return identity(n);
  const keep = new Uint32Array(n);
  let count = 0;
  outer: for (let row = 0; row < n; row++) {
    for (const test of tests) if (!test(row)) continue outer;
    keep[count++] = row;
  }
  return keep.slice(0, count);
}

function rowTests(inputs: ViewInputs, filter: ViewFilter): RowTest[] | 'none' {
  const { dataset, outcomes, disagreement, searchMatches } = inputs;
  const tests: RowTest[] = [];
  if (filter.misclassified) {
    if (!outcomes) return 'none';
    tests.push((row) => outcomes[row] === OUTCOME_ERROR);
  }
  if (filter.disagree) {
    if (!disagreement) return 'none';
    tests.push((row) => disagreement[row] === 1);
  }
  const byTags = tagTests(inputs.tags, filter);
  if (byTags === 'none') return 'none';
  tests.push(...byTags);
  for (const { column, values, byClass } of filter.columns ?? []) {
    const test = valuesTest(dataset, column, values, byClass === true);
    if (!test) return 'none';
    tests.push(test);
  }
  if (filter.score) {
    const test = scoreTest(dataset, filter.score);
    if (!test) return 'none';
    tests.push(test);
  }
  if (filter.search) {
    if (!searchMatches) return 'none';
    tests.push((row) => searchMatches[row] === 1);
  }
  const derived = derivedTests(inputs, filter);
  if (derived === 'none') return 'none';
  return [...tests, ...derived, ...labelerTests(inputs, filter)];
}

/** Filters on per-row flags the caller computed: data checks, two predictions compared. */
function derivedTests(inputs: ViewInputs, filter: ViewFilter): RowTest[] | 'none' {
  const tests: RowTest[] = [];
  if (filter.dataCheck) {
    const flags = inputs.dataCheckFlags;
    const bit = DATA_CHECK_BITS[filter.dataCheck];
    if (!flags) return 'none';
    tests.push((row) => (flags[row] & bit) !== 0);
  }
  if (filter.comparison) {
    if (!inputs.comparisonFlags) return 'none';
    tests.push(rowTestOfKind(inputs.comparisonFlags, filter.comparison.kind));
  }
  return tests;
}

function tagTests(tags: RowTags | undefined, filter: ViewFilter): RowTest[] | 'none' {
  const tests: RowTest[] = [];
  if (filter.tagged && tags) {
    const rowSet = tags.rowSet;
    tests.push(filter.tagged === 'any' ? (row) => rowSet[row] !== 0 : (row) => rowSet[row] === 0);
  }
  if (filter.tag !== undefined) {
    const id = tags?.tagId(filter.tag);
    if (!tags || id === undefined) return 'none';
    const withTag = tags.setsWithTag(id);
    const rowSet = tags.rowSet;
    tests.push((row) => withTag[rowSet[row]] === 1);
  }
  return tests;
}

/** Rows whose categorical `column` holds one of `values` ('' for an empty cell); null when it is not categorical. */
function valuesTest(dataset: Dataset, column: number, values: string[], byClass: boolean): RowTest | null {
  const codes = dataset.codes[column];
  const dictionary = dataset.dictionaries[column];
  if (!codes || !dictionary) return null;
  const allowed = new Uint8Array(dictionary.length + 1);
  const wanted = new Set(values);
  const nameOf = byClass ? classNamesOfColumn(dataset, column) : undefined;
  dictionary.forEach((v, code) => (allowed[code + 1] = wanted.has(nameOf ? nameOf[code] : v) ? 1 : 0));
  allowed[0] = wanted.has('') ? 1 : 0;
  return (row) => allowed[codes[row] + 1] === 1;
}

/** Per dictionary code of a class column: the name of its class as metrics and agreement show it ('' when blank). */
function classNamesOfColumn(dataset: Dataset, column: number): string[] | undefined {
  const info = dataset.columns[column];
  if (!info) return undefined;
  const classes = readDatasetClasses(dataset, [info]);
  const classOfCode = classOfCodeIn(classes, info);
  return Array.from(classOfCode, (c) => (c < 0 ? '' : classes.identity.classes[c]));
}

/** Rows whose score lies in the range (inclusive); null when there is no numeric score column. */
function scoreTest(dataset: Dataset, range: NonNullable<ViewFilter['score']>): RowTest | null {
  const score = columnByRole(dataset, 'score');
  const values = score ? dataset.numbers[score.index] : null;
  if (!values) return null;
  const min = range.min ?? Number.NEGATIVE_INFINITY;
  const max = range.max ?? Number.POSITIVE_INFINITY;
  return (row) => values[row] >= min && values[row] <= max;
}

function labelerTests(inputs: ViewInputs, filter: ViewFilter): RowTest[] {
  const { consensus, pairMatches, reviewedRows } = inputs;
  const tests: RowTest[] = [];
  const none: RowTest = () => false;
  if (filter.tie) tests.push(consensus ? (row) => consensus.modal[row] === TIE : none);
  if (filter.agreementBelow !== undefined) {
    const below = filter.agreementBelow;
    tests.push(consensus ? (row) => consensus.agreement[row] < below : none);
  }
  if (filter.pair) tests.push(pairMatches ? (row) => pairMatches[row] === 1 : none);
  if (filter.reviewed) tests.push(reviewedRows ? (row) => reviewedRows[row] === 1 : none);
  if (filter.likelyError) {
    const issues = inputs.labelIssueRows;
    // A row decided in review (relabeled, or its label confirmed) has left the queue.
    tests.push(issues ? (row) => issues[row] === 1 && reviewedRows?.[row] !== 1 : none);
  }
  return tests;
}

/**
 * Sorts rows by a column (stable). Numbers sort as numbers; categorical values by their
 * dictionary rank; text columns need their values (`text`, read by the caller from the file).
 */
export function sortRows(dataset: Dataset, rows: Uint32Array, sort: ViewSort | undefined, text?: readonly string[]): Uint32Array {
  if (!sort) return rows;
  const numbers = dataset.numbers[sort.column];
  if (numbers) return sortRowsByNumber(rows, numbers, sort.descending);
  const codes = dataset.codes[sort.column];
  const dictionary = dataset.dictionaries[sort.column];
  if (codes && dictionary) {
    const ranks = rankDictionary(dictionary);
    const rowRanks = new Int32Array(codes.length);
    for (let i = 0; i < codes.length; i++) rowRanks[i] = codes[i] < 0 ? -1 : ranks[codes[i]];
    return sortRowsByRank(rows, rowRanks, dictionary.length, sort.descending);
  }
  if (!text) return rows;
  const sign = sort.descending ? -1 : 1;
  const order = Array.from(rows);
  // Array.prototype.sort is stable; empty values go last in both directions.
  order.sort((a, b) => {
    const x = text[a];
    const y = text[b];
    if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
    return sign * compareValues(x, y);
  });
  return Uint32Array.from(order);
}

export function identity(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
