/**
 * Judgements from long format: one row per judgement (`example, annotator, label`). Items and
 * raters are numbered in order of first appearance; rows with a blank label, or a blank example
 * or annotator, are skipped and counted; when an annotator judged the same example twice the
 * first judgement is kept and the repeat counted. Accepts dictionary-coded columns (as the
 * Dataset holds them: no string hashing per row) or plain strings.
 */
import { lookAlikeWarnings, readClasses } from '../values/classIdentity';
import { isBlankLabel, type Judgements, type LabelerColumn, NOT_LABELED } from './judgements';

export interface LongFormatJudgements {
  judgements: Judgements;
  /** Rows skipped because the label was blank. */
  emptyLabels: number;
  /** Rows skipped because the example or the annotator was blank. */
  missingKeys: number;
  /** Repeated (example, annotator) rows, of which `conflicts` gave a different label. */
  duplicates: number;
  conflicts: number;
}

/** A dictionary-coded column: codes into `dictionary`, -1 = empty. */
export type CodedColumn = Pick<LabelerColumn, 'codes' | 'dictionary'>;

/** Renumbers a column's codes in order of first appearance (blank → NOT_LABELED), keeping the names. */
function renumber(column: CodedColumn): { ids: Int32Array; names: string[] } {
  const { codes, dictionary } = column;
  const idOfCode = new Int32Array(dictionary.length).fill(-2);
  const ids = new Int32Array(codes.length);
  const names: string[] = [];
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row];
    if (code < 0) {
      ids[row] = NOT_LABELED;
      continue;
    }
    if (idOfCode[code] === -2) idOfCode[code] = isBlankLabel(dictionary[code]) ? NOT_LABELED : names.push(dictionary[code]) - 1;
    ids[row] = idOfCode[code];
  }
  return { ids, names };
}

/**
 * The label column's values read as classes (DOMAIN.md §1) before judgements are compared, so a
 * repeat written `6.0` after `6` is the same judgement: per row a class index (NOT_LABELED when blank).
 */
function readLabelValues(labels: { ids: Int32Array; names: string[] }): { ids: Int32Array; categories: string[]; warnings: string[] } {
  const identity = readClasses([{ name: 'label', dictionary: labels.names, codes: labels.ids }]);
  const classOf = identity.classOfCode[0];
  const ids = labels.ids.map((id) => (id < 0 ? NOT_LABELED : classOf[id]));
  return { ids, categories: identity.classes, warnings: lookAlikeWarnings(identity) };
}

/** Builds the judgement matrix from three dictionary-coded columns of equal length. */
export function judgementsFromLongColumns(example: CodedColumn, annotator: CodedColumn, label: CodedColumn): LongFormatJudgements {
  const rows = example.codes.length;
  if (annotator.codes.length !== rows || label.codes.length !== rows) throw new RangeError('long-format columns differ in length');
  const items = renumber(example);
  const raters = renumber(annotator);
  const labels = readLabelValues(renumber(label));
  const columns = raters.names.map(() => new Int32Array(items.names.length).fill(NOT_LABELED));
  const out = { emptyLabels: 0, missingKeys: 0, duplicates: 0, conflicts: 0 };
  for (let row = 0; row < rows; row++) {
    const item = items.ids[row];
    const rater = raters.ids[row];
    const value = labels.ids[row];
    if (item < 0 || rater < 0) out.missingKeys++;
    else if (value < 0) out.emptyLabels++;
    else if (columns[rater][item] < 0) columns[rater][item] = value;
    else {
      out.duplicates++;
      if (columns[rater][item] !== value) out.conflicts++;
    }
  }
  const judgements = { itemCount: items.names.length, raters: columns, raterNames: raters.names, categories: labels.categories, itemIds: items.names, warnings: labels.warnings };
  return { judgements, ...out };
}

/** Dictionary-codes a column of strings (the dictionary in order of first appearance). */
function encode(values: readonly string[]): CodedColumn {
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  let previous: string | undefined;
  let previousCode = 0;
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    // Long files are usually grouped by example: a repeat skips the hash lookup.
    if (value !== previous) {
      previous = value;
      previousCode = index.get(value) ?? index.size;
      if (previousCode === index.size) index.set(value, previousCode);
    }
    codes[row] = previousCode;
  }
  return { codes, dictionary: [...index.keys()] };
}

/** Builds the judgement matrix from three equally long columns of strings. */
export function judgementsFromLong(examples: readonly string[], annotators: readonly string[], labels: readonly string[]): LongFormatJudgements {
  if (examples.length !== annotators.length || examples.length !== labels.length) throw new RangeError('long-format columns differ in length');
  return judgementsFromLongColumns(encode(examples), encode(annotators), encode(labels));
}

const EXAMPLE = /^(example|example_?id|item|item_?id|id|task|task_?id|utterance_?id|sample_?id|file)$/i;
const ANNOTATOR = /^(annotator|annotator_?id|labeler|labeller|rater|worker|worker_?id|user|coder|judge)$/i;
const LABEL = /^(label|annotation|answer|class|judgement|judgment|category)$/i;

/** The example, annotator and label columns of a long-format header, or what is missing. */
export function detectLongColumns(header: readonly string[]): { example: string; annotator: string; label: string } | string {
  const find = (pattern: RegExp) => header.find((h) => pattern.test(h.trim()));
  const example = find(EXAMPLE);
  const annotator = find(ANNOTATOR);
  const label = find(LABEL);
  if (!example) return `no example column (e.g. "example_id"); found: ${header.join(', ')}`;
  if (!annotator) return `no annotator column (e.g. "annotator"); found: ${header.join(', ')}`;
  if (!label) return `no label column; found: ${header.join(', ')}`;
  return { example, annotator, label };
}
