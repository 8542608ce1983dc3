/**
 * Side-by-side comparison of experiments: what changed in params and data, and what that did
 * to the metrics. Every comparison is against a reference: the first experiment given (the UI
 * passes the baseline or the older run first).
 */
import { getKey, setKey } from './dataKeys';
import type { DataState, Experiment, GroupedMetrics, JsonValue, Metrics } from './schema';

// ---------------------------------------------------------------- params

/** Leaves of a params tree: primitives, arrays (compared whole) and empty objects. */
export type FlatParams = Record<string, JsonValue>;

/** `{ model: { lr: 0.1 } }` → `{ 'model.lr': 0.1 }`; arrays stay one value (a list is one setting). */
export function flattenParams(params: Record<string, JsonValue>): FlatParams {
  const flat: FlatParams = {};
  addFlattened(flat, '', params);
  return flat;
}

function addFlattened(flat: FlatParams, prefix: string, value: JsonValue): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) addFlattened(flat, prefix ? `${prefix}.${key}` : key, child);
    return;
  }
  if (prefix) setKey(flat, prefix, value);
}

function isPlainObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Equality of JSON values by content (key order of objects does not matter). */
export function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON text with object keys sorted: the same value always gives the same text. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    // Skipping undefined matches JSON.stringify, which drops such keys from a file.
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ParamRow {
  /** Dotted key, e.g. `optimizer.lr`. */
  key: string;
  /** One value per experiment, in the order given; undefined when that experiment lacks the key. */
  values: (JsonValue | undefined)[];
  differs: boolean;
}

type WithParams = Pick<Experiment, 'params'>;

/** Every flattened param key of any of the experiments, sorted. */
export function paramKeys(experiments: readonly WithParams[]): string[] {
  const keys = new Set<string>();
  for (const e of experiments) for (const key of Object.keys(flattenParams(e.params))) keys.add(key);
  return [...keys].sort();
}

/** The params table for 2+ experiments; `onlyDiffering` keeps the rows where some value differs. */
export function diffParams(experiments: readonly WithParams[], options: { onlyDiffering?: boolean } = {}): ParamRow[] {
  const flats = experiments.map((e) => flattenParams(e.params));
  const rows = paramKeys(experiments).map((key) => {
    const values = flats.map((f) => getKey(f, key));
    return { key, values, differs: !allSame(values) };
  });
  return options.onlyDiffering ? rows.filter((r) => r.differs) : rows;
}

/** The keys of the "show only differing params" switch. */
export function differingParamKeys(experiments: readonly WithParams[]): string[] {
  return diffParams(experiments, { onlyDiffering: true }).map((r) => r.key);
}

function allSame(values: readonly (JsonValue | undefined)[]): boolean {
  return values.every((v) => sameJson(v, values[0]));
}

// ---------------------------------------------------------------- data

export type DataField = Exclude<keyof DataState, 'predictions'>;
export const DATA_FIELDS: readonly DataField[] = ['path', 'sha256', 'rows', 'annotationsSha256', 'labelFixes'];

export interface DataRow {
  field: DataField;
  values: (string | number | null)[];
  differs: boolean;
}

export interface DataDiff {
  rows: DataRow[];
  /** Every experiment used the same dataset content (all hashes known and equal). */
  sameDataset: boolean;
  /** Every experiment saw the same tags and label fixes (all hashes known and equal). */
  sameAnnotations: boolean;
  /** Rows added (+) or removed (−) relative to the first experiment; null when unknown. */
  rowsDelta: (number | null)[];
  /** Label fixes added relative to the first experiment; null when unknown. */
  labelFixesDelta: (number | null)[];
}

/** What changed in the data between experiments: content hash, size, annotation state. */
export function diffData(experiments: readonly Pick<Experiment, 'data'>[]): DataDiff {
  const rows = DATA_FIELDS.map((field) => {
    const values = experiments.map((e) => e.data[field]);
    return { field, values, differs: values.some((v) => v !== values[0]) };
  });
  return {
    rows,
    sameDataset: allKnownAndEqual(experiments.map((e) => e.data.sha256)),
    sameAnnotations: allKnownAndEqual(experiments.map((e) => e.data.annotationsSha256)),
    rowsDelta: deltasFromFirst(experiments.map((e) => e.data.rows)),
    labelFixesDelta: deltasFromFirst(experiments.map((e) => e.data.labelFixes)),
  };
}

function allKnownAndEqual(values: readonly (string | null)[]): boolean {
  return values.length > 0 && values.every((v) => v !== null && v === values[0]);
}

function deltasFromFirst(values: readonly (number | null)[]): (number | null)[] {
  const first = values[0];
  return values.map((v) => (v === null || first === null || first === undefined ? null : v - first));
}

// ---------------------------------------------------------------- metrics

export type MetricDirection = 'higher' | 'lower';

// Long words mean a loss anywhere in the name (val_loss, logloss, error_rate, perplexity).
const LOWER_ANYWHERE = /loss|error|perplexity/i;
// Short ones only as a whole word, so answer_accuracy (wer) or cancer_recall (cer) stay higher-is-better.
const LOWER_TOKEN = /^(err|mae|mse|rmse|wer|cer)$/;

/**
 * Higher is better unless the name looks like a loss or an error:
 * /loss|error|err|mae|mse|rmse|perplexity|wer|cer/i, where the short abbreviations must be a
 * whole word of the name (words split at any non-letter, at camelCase humps and between
 * letters and digits: `top5err`, `valMAE`, `eval/wer` are lower-is-better).
 */
export function metricDirection(name: string, overrides: Readonly<Record<string, MetricDirection>> = {}): MetricDirection {
  const override = getKey(overrides, name);
  if (override) return override;
  if (LOWER_ANYWHERE.test(name)) return 'lower';
  return nameWords(name).some((w) => LOWER_TOKEN.test(w)) ? 'lower' : 'higher';
}

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** `different-population`: a tag or slice computed on other examples; its delta is not a model change. */
export type MetricOutcome = 'better' | 'worse' | 'same' | 'missing' | 'reference' | 'different-population';

export interface MetricRow {
  name: string;
  direction: MetricDirection;
  /** One value per experiment; undefined when that experiment lacks the metric. */
  values: (number | undefined)[];
  /** value − reference value (the first experiment's); undefined when either is missing. */
  deltas: (number | undefined)[];
  /** Each experiment against the reference, read with the metric's direction. */
  outcomes: MetricOutcome[];
}

export interface CompareOptions {
  /** Directions for metrics whose names mislead the heuristic. */
  directions?: Readonly<Record<string, MetricDirection>>;
}

/** Metric deltas of each metrics set against the first one, sorted by metric name. */
export function compareMetrics(sets: readonly Metrics[], options: CompareOptions = {}): MetricRow[] {
  const names = [...new Set(sets.flatMap((m) => Object.keys(m)))].sort();
  return names.map((name) => metricRow(name, sets, options));
}

function metricRow(name: string, sets: readonly Metrics[], options: CompareOptions): MetricRow {
  const direction = metricDirection(name, options.directions);
  const values = sets.map((m) => getKey(m, name));
  const reference = values[0];
  const deltas = values.map((v) => (v === undefined || reference === undefined ? undefined : v - reference));
  const outcomes = deltas.map((d, i): MetricOutcome => {
    if (i === 0) return reference === undefined ? 'missing' : 'reference';
    if (d === undefined) return 'missing';
    if (d === 0) return 'same';
    return (d > 0) === (direction === 'higher') ? 'better' : 'worse';
  });
  return { name, direction, values, deltas, outcomes };
}

/** The metric a group records its population size under (examples it was computed on). */
export const GROUP_SIZE_METRIC = 'n';

/** Why a tag's or slice's deltas may not be a model change. */
export type PopulationReason = 'different-n' | 'different-dataset' | 'different-tags' | 'n-not-recorded';

export interface GroupPopulation {
  /** Examples the group was computed on, per experiment; undefined when not recorded or the group is absent. */
  n: (number | undefined)[];
  /** Empty when every experiment computed the group on the same examples, as far as the records tell. */
  reasons: PopulationReason[];
}

export interface GroupComparison {
  /** The tag or slice. */
  group: string;
  population: GroupPopulation;
  /** Without the size: it is in `population`. Outcomes are `different-population` when `population.reasons` is not empty. */
  metrics: MetricRow[];
}

type WithGroups = Pick<Experiment, 'perTag' | 'perSlice' | 'data'>;

/** Per-tag metric deltas; empty when no experiment has per-tag metrics. */
export function comparePerTag(experiments: readonly WithGroups[], options: CompareOptions = {}): GroupComparison[] {
  const sameData = populationOfData(experiments, true);
  return compareGroups(
    experiments.map((e) => e.perTag),
    sameData,
    options,
  );
}

/** Per-slice metric deltas; empty when no experiment has per-slice metrics. */
export function comparePerSlice(experiments: readonly WithGroups[], options: CompareOptions = {}): GroupComparison[] {
  const sameData = populationOfData(experiments, false);
  return compareGroups(
    experiments.map((e) => e.perSlice),
    sameData,
    options,
  );
}

/** What the data fields say about every group: a different file (or an unknown one), and for tags, a different tag state. */
function populationOfData(experiments: readonly WithGroups[], tags: boolean): PopulationReason[] {
  const reasons: PopulationReason[] = [];
  if (knownToDiffer(experiments.map((e) => e.data.sha256))) reasons.push('different-dataset');
  if (tags && knownToDiffer(experiments.map((e) => e.data.annotationsSha256))) reasons.push('different-tags');
  return reasons;
}

/** Some record has the value and not every record has the same one (no record having it tells nothing). */
function knownToDiffer(values: readonly (string | null)[]): boolean {
  return values.some((v) => v !== null) && values.some((v) => v !== values[0]);
}

function compareGroups(grouped: readonly (GroupedMetrics | undefined)[], dataReasons: readonly PopulationReason[], options: CompareOptions): GroupComparison[] {
  const groups = [...new Set(grouped.flatMap((g) => (g ? Object.keys(g) : [])))].sort();
  return groups.map((group) => {
    const sets = grouped.map((g) => (g ? getKey(g, group) : undefined) ?? {});
    const population = groupPopulation(
      sets.map((m) => getKey(m, GROUP_SIZE_METRIC)),
      dataReasons,
    );
    const metrics = compareMetrics(sets.map(withoutSize), options);
    return { group, population, metrics: population.reasons.length ? metrics.map(markDifferentPopulation) : metrics };
  });
}

function groupPopulation(n: (number | undefined)[], dataReasons: readonly PopulationReason[]): GroupPopulation {
  const reasons: PopulationReason[] = [];
  const known = n.every((v) => v !== undefined);
  if (known && n.some((v) => v !== n[0])) reasons.push('different-n');
  // Same file and same tags: the group holds the same examples, recorded size or not.
  if (dataReasons.length > 0) reasons.push(...(known ? [] : (['n-not-recorded'] as const)), ...dataReasons);
  return { n, reasons };
}

function withoutSize(metrics: Metrics): Metrics {
  const copy = Object.create(null) as Metrics;
  for (const [name, value] of Object.entries(metrics)) if (name !== GROUP_SIZE_METRIC) setKey(copy, name, value);
  return copy;
}

function markDifferentPopulation(row: MetricRow): MetricRow {
  return { ...row, outcomes: row.outcomes.map((o) => (o === 'better' || o === 'worse' || o === 'same' ? 'different-population' : o)) };
}

/** One line per reason, for the view and the CLI. */
export function describePopulation(population: GroupPopulation): string[] {
  return population.reasons.map((reason) => POPULATION_TEXT[reason](population.n));
}

const POPULATION_TEXT: Record<PopulationReason, (n: (number | undefined)[]) => string> = {
  'different-n': (n) => `computed on different numbers of examples (n = ${n.map((v) => (v === undefined ? '?' : String(v))).join(' vs ')})`,
  'different-dataset': () => 'computed on different dataset contents (the file hashes differ or one is not recorded)',
  'different-tags': () => 'the tags or label fixes changed between the records, so the tag may hold other examples',
  'n-not-recorded': () => 'the number of examples is not recorded in every record',
};

export interface ExperimentComparison {
  params: ParamRow[];
  data: DataDiff;
  metrics: MetricRow[];
  perTag: GroupComparison[];
  perSlice: GroupComparison[];
}

/** Everything the comparison view shows for 2+ experiments (the first is the reference). */
export function compareExperiments(experiments: readonly Experiment[], options: CompareOptions & { onlyDifferingParams?: boolean } = {}): ExperimentComparison {
  return {
    params: diffParams(experiments, { onlyDiffering: options.onlyDifferingParams }),
    data: diffData(experiments),
    metrics: compareMetrics(
      experiments.map((e) => e.metrics),
      options,
    ),
    perTag: comparePerTag(experiments, options),
    perSlice: comparePerSlice(experiments, options),
  };
}

// ---------------------------------------------------------------- ordering and grouping

type Listed = Pick<Experiment, 'id' | 'createdAt'>;

/** Newest first; same instant → by id, descending (ids start with their time). */
export function sortNewestFirst<T extends Listed>(experiments: readonly T[]): T[] {
  return [...experiments].sort(compareNewestFirst);
}

export function compareNewestFirst(a: Listed, b: Listed): number {
  const byTime = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export interface ExperimentGroup<T> {
  key: string;
  label: string;
  /** Newest first. */
  experiments: T[];
}

export const NO_DATASET_KEY = 'no-dataset';

/** Groups by dataset version (content hash); the group with the newest experiment comes first. */
export function groupByDataset<T extends Listed & Pick<Experiment, 'data'>>(experiments: readonly T[]): ExperimentGroup<T>[] {
  return groupSorted(experiments, (e) => e.data.sha256 ?? NO_DATASET_KEY, datasetLabel);
}

function datasetLabel<T extends Pick<Experiment, 'data'>>(key: string, newest: T): string {
  if (key === NO_DATASET_KEY) return 'no dataset recorded';
  return `${newest.data.path ?? 'dataset'} @ ${key.slice(0, 8)}`;
}

/** `yyyy-mm-dd` of an ISO time in the machine's local zone. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `yyyy-mm-dd` of an ISO time in UTC. */
export function utcDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

/** Groups by calendar day (local by default), newest day first. */
export function groupByDay<T extends Listed>(experiments: readonly T[], dayOf: (iso: string) => string = localDay): ExperimentGroup<T>[] {
  return groupSorted(
    experiments,
    (e) => dayOf(e.createdAt),
    (key) => key,
  );
}

function groupSorted<T extends Listed>(experiments: readonly T[], keyOf: (e: T) => string, labelOf: (key: string, newest: T) => string): ExperimentGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const e of sortNewestFirst(experiments)) {
    const key = keyOf(e);
    const members = groups.get(key);
    if (members) members.push(e);
    else groups.set(key, [e]);
  }
  // Map keeps insertion order, and members were inserted newest first: groups come out newest first.
  return [...groups].map(([key, members]) => ({ key, label: labelOf(key, members[0]), experiments: members }));
}

// ---------------------------------------------------------------- main metric

const PREFERRED_METRICS = [/(^|[/_.-])f1([/_.-]|$)/i, /accuracy|(^|[/_.-])acc([/_.-]|$)/i, /auc/i, /precision/i, /recall/i];

/** The metric a list item shows: an F1, else an accuracy, AUC, precision, recall, else the first by name. */
export function mainMetric(metrics: Metrics): { name: string; value: number } | undefined {
  const names = Object.keys(metrics).sort();
  for (const pattern of PREFERRED_METRICS) {
    const candidates = names.filter((n) => pattern.test(n));
    // Prefer validation/test numbers over training ones.
    const name = candidates.find((n) => /val|test|eval/i.test(n)) ?? candidates[0];
    if (name) return { name, value: metrics[name] };
  }
  return names.length ? { name: names[0], value: metrics[names[0]] } : undefined;
}
