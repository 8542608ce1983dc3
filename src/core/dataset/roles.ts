/** Column roles of a label file (DOMAIN.md §1) and their inference from headers and a sample. */
import { classOfProbabilityHeader, namesOneOf } from '../labelIssues/probabilityHeaders';

/** `probability`: P(class) for the class its header names (`p_cat`), one column per class (DOMAIN.md §7). */
export const COLUMN_ROLES = ['id', 'input', 'label', 'prediction', 'score', 'probability', 'labeler', 'tags', 'slice', 'other'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** How a column is kept in memory. */
export type ColumnKind = 'key' | 'text' | 'categorical' | 'numeric';

const NAME_PATTERNS: [Exclude<ColumnRole, 'slice' | 'other'>, RegExp][] = [
  ['id', /^(id|idx|uid|uuid|key|guid|example|example_?id|sample_?id|item_?id|utt(erance)?_?id|file|filename|file_?name|record_?id|row_?id|\w+_id)$/i],
  ['label', /^(label|labels|y|y_?true|gold|gold_?label|ground_?truth|gt|target|true_?label|truth|class|category|reference)$/i],
  ['prediction', /^(pred|preds|prediction|predictions|predicted|predicted_?label|pred_?label|y_?hat|yhat|y_?pred|model_?output|output|guess)$/i],
  ['score', /^(score|scores|confidence|conf|prob|probability|proba|p|p_?pos|prob_?pos|probability_?positive|pred_?score|pred_?prob|logit)$/i],
  ['labeler', /^(labeler|labeller|annotator|rater|coder|judge|worker|annotation|human|label_?er)[\s_-]*[\w-]*$/i],
  ['tags', /^(tags?|error_?tags?|labels_?tags|error_?type|error_?category)$/i],
  ['input', /^(input|text|sentence|utterance|transcript|query|content|message|review|body|document|doc|x|path|file_?path|audio|audio_?path|image|image_?path|image_?url|img|url|question|prompt)$/i],
];

// A second model's predictions beside the first: pred_v2, prediction_b, y_pred_new. Only one column gets the prediction role.
const PREDICTION_VARIANT = /^(pred|preds|prediction|predictions|predicted|predicted_?label|pred_?label|y_?hat|yhat|y_?pred)[\s_.-]*(v?\d+|[a-z]|new|old|base|baseline|before|after|candidate)$/i;

const SLICE_NAMES = /^(device|gender|sex|accent|age|age_?group|region|country|lang|language|locale|split|source|factory|site|noise|channel|domain|platform|os|browser|camera|mic|microphone|speaker|dialect|group|segment|cohort|batch)$/i;

export interface ColumnSample {
  name: string;
  values: readonly string[];
}

export interface InferredColumn {
  name: string;
  role: ColumnRole;
  kind: ColumnKind;
}

/** Infers a role and a storage kind for each column from its header and first values. */
export function inferColumns(samples: readonly ColumnSample[]): InferredColumn[] {
  const roles = samples.map((s) => roleFromName(s.name));
  const stats = samples.map((s) => describeSample(s.values));
  preferTextInput(samples, roles, stats);
  // At most one id, label, prediction, score, tags and input: the first match wins.
  const single: ColumnRole[] = ['id', 'label', 'prediction', 'score', 'tags', 'input'];
  for (const role of single) {
    let seen = false;
    roles.forEach((r, i) => {
      if (r !== role) return;
      if (seen || (role === 'id' && !stats[i].unique)) roles[i] = undefined;
      seen = true;
    });
  }
  // Without a column named exactly like a prediction, the first variant (pred_v1) is the prediction.
  if (!roles.includes('prediction')) {
    const first = samples.findIndex((s, i) => roles[i] === undefined && isPredictionVariant(s.name));
    if (first >= 0) roles[first] = 'prediction';
  }
  // A column named like a labeler (e.g. "annotation") holding long free text is not a labeler.
  roles.forEach((r, i) => {
    if (r === 'labeler' && stats[i].distinct > Math.max(50, stats[i].count / 2)) roles[i] = undefined;
  });
  markProbabilityColumns(samples, roles, stats);
  if (!roles.includes('input')) {
    const i = longestTextColumn(samples, roles, stats);
    if (i >= 0) roles[i] = 'input';
  }
  return samples.map((s, i) => {
    const role = roles[i] ?? defaultRole(s.name, stats[i]);
    // A second model's predictions are classes, however many there are: kept as codes, ready to compare.
    const kind = role === 'other' && isPredictionVariant(s.name) ? 'categorical' : kindForRole(role, stats[i]);
    return { name: s.name, role, kind };
  });
}

/**
 * The role the user chose for a column. Roles are keyed by header names, which are data: only an
 * own key counts, so a column named `constructor` or `toString` never gets Object's method as its
 * role, and a value that is not a role is ignored.
 */
export function chosenRole(roles: Readonly<Record<string, unknown>> | undefined, name: string): ColumnRole | undefined {
  if (!roles || !Object.hasOwn(roles, name)) return undefined;
  const role = roles[name];
  return isColumnRole(role) ? role : undefined;
}

export function isColumnRole(value: unknown): value is ColumnRole {
  return typeof value === 'string' && (COLUMN_ROLES as readonly string[]).includes(value);
}

/** Numeric columns whose header names one of the label's values (`p_cat` beside a label column holding `cat`) hold that class's probability. */
function markProbabilityColumns(samples: readonly ColumnSample[], roles: (ColumnRole | undefined)[], stats: SampleStats[]): void {
  const label = roles.indexOf('label');
  if (label < 0) return;
  const classes = new Set(samples[label].values.filter((v) => v.trim() !== ''));
  samples.forEach((s, i) => {
    if (roles[i] !== undefined || !stats[i].numeric || stats[i].count === 0) return;
    const cls = classOfProbabilityHeader(s.name);
    if (cls !== undefined && namesOneOf(cls, classes)) roles[i] = 'probability';
  });
}

/** True when a header names an id column (id, example_id, uuid, file…). */
export function isIdName(name: string): boolean {
  return roleFromName(name) === 'id';
}

/** True when a header names another model's predictions (pred_v2, prediction_b): a candidate to compare with the prediction column. */
export function isPredictionVariant(name: string): boolean {
  return PREDICTION_VARIANT.test(name.trim());
}

function roleFromName(name: string): ColumnRole | undefined {
  const trimmed = name.trim();
  for (const [role, pattern] of NAME_PATTERNS) if (pattern.test(trimmed)) return role;
  return undefined;
}

interface SampleStats {
  count: number;
  distinct: number;
  numeric: boolean;
  unique: boolean;
  meanLength: number;
  /** Most values are file paths or URLs. */
  paths: boolean;
}

function describeSample(values: readonly string[]): SampleStats {
  const nonEmpty = values.filter((v) => v !== '');
  const distinct = new Set(nonEmpty).size;
  const numeric = nonEmpty.length > 0 && nonEmpty.every((v) => Number.isFinite(Number(v)));
  const meanLength = nonEmpty.reduce((n, v) => n + v.length, 0) / Math.max(1, nonEmpty.length);
  return { count: nonEmpty.length, distinct, numeric, unique: distinct === nonEmpty.length, meanLength, paths: !numeric && looksLikePaths(nonEmpty) };
}

function longestTextColumn(
  samples: readonly ColumnSample[],
  roles: (ColumnRole | undefined)[],
  stats: SampleStats[],
  allowPaths = true,
): number {
  let best = -1;
  samples.forEach((_, i) => {
    if (roles[i] !== undefined || stats[i].numeric || (!allowPaths && stats[i].paths)) return;
    if (stats[i].meanLength < 12) return;
    if (best < 0 || stats[i].meanLength > stats[best].meanLength) best = i;
  });
  return best;
}

/**
 * A path or URL column (audio/x.wav) and a text column (its transcript) both named like inputs:
 * the text is the input, so search and duplicate checks read words; the path stays a column the
 * table can open. A path input with an unnamed long free-text column beside it gives way the same.
 */
function preferTextInput(samples: readonly ColumnSample[], roles: (ColumnRole | undefined)[], stats: SampleStats[]): void {
  const named = roles.flatMap((r, i) => (r === 'input' ? [i] : []));
  if (named.length === 0 || !stats[named[0]].paths) return;
  const text = named.find((i) => !stats[i].paths && !stats[i].numeric);
  const unnamed = text === undefined ? longestTextColumn(samples, roles, stats, false) : -1;
  const chosen = text ?? (unnamed >= 0 ? unnamed : undefined);
  if (chosen === undefined) return;
  for (const i of named) if (i !== chosen) roles[i] = undefined;
  roles[chosen] = 'input';
}

/** Most values are paths or URLs: no spaces, and a folder separator or a file extension. */
function looksLikePaths(nonEmpty: readonly string[]): boolean {
  if (nonEmpty.length === 0) return false;
  const paths = nonEmpty.filter((v) => /^\S+$/.test(v) && /[\\/]|\.[A-Za-z0-9]{2,5}$/.test(v)).length;
  return paths >= 0.8 * nonEmpty.length;
}

function isLowCardinality(stats: SampleStats): boolean {
  return stats.count > 0 && stats.distinct <= Math.max(2, Math.min(50, Math.ceil(stats.count * 0.2)));
}

function defaultRole(name: string, stats: SampleStats): ColumnRole {
  // Another model's predictions are not a slice of the data.
  if (isPredictionVariant(name)) return 'other';
  if (SLICE_NAMES.test(name.trim())) return 'slice';
  // File paths are not groups of the data, even when a few clips or pictures are reused across rows.
  if (!stats.numeric && !stats.paths && isLowCardinality(stats)) return 'slice';
  return 'other';
}

/** Storage follows the role; "other" columns are numeric, categorical or text by their sample. */
export function kindForRole(role: ColumnRole, stats?: SampleStats): ColumnKind {
  switch (role) {
    case 'id':
      return 'key';
    case 'input':
      return 'text';
    case 'score':
    case 'probability':
      return 'numeric';
    case 'label':
    case 'prediction':
    case 'labeler':
    case 'tags':
    case 'slice':
      return 'categorical';
    case 'other':
      if (!stats) return 'text';
      if (stats.numeric) return 'numeric';
      return isLowCardinality(stats) && !stats.paths ? 'categorical' : 'text';
  }
}
