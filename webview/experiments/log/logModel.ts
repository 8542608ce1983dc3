/** What the log table shows, as plain functions: filtering, columns, sorting, the comparison's order. */
import { canonicalJson, differingParamKeys, flattenParams, paramKeys } from '../../../src/core/experiments/compare';
import type { JsonValue } from '../../../src/core/experiments/schema';
import type { LoggedExperiment } from '../../../src/protocol/experiments';

export interface SortState {
  /** "name", "createdAt", "source", "dataset", "code", "metric:<name>" or "param:<key>". */
  column: string;
  descending: boolean;
}

export interface LogUiState {
  sort: SortState;
  filter: string;
  onlyDiffering: boolean;
  selected: string[];
  metric: string | null;
}

export const DEFAULT_STATE: LogUiState = { sort: { column: 'createdAt', descending: true }, filter: '', onlyDiffering: false, selected: [], metric: null };

/** Experiments whose name, notes, id, source, dataset, code or params contain every word of `filter`. */
export function filterExperiments(experiments: readonly LoggedExperiment[], filter: string): LoggedExperiment[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...experiments];
  return experiments.filter((e) => {
    const haystack = searchText(e);
    return words.every((w) => haystack.includes(w));
  });
}

function searchText(e: LoggedExperiment): string {
  const params = Object.entries(flattenParams(e.params)).map(([k, v]) => `${k}=${paramText(v)}`);
  return [e.name, e.notes, e.id, e.source.kind, e.baseline, e.data.path ?? '', e.code.commit ?? '', e.code.branch ?? '', ...params, ...Object.keys(e.metrics)].join('\n').toLowerCase();
}

/** Every metric name, sorted. */
export function metricColumns(experiments: readonly LoggedExperiment[]): string[] {
  return [...new Set(experiments.flatMap((e) => Object.keys(e.metrics)))].sort();
}

/** Param keys to show: all, or only those whose values differ (when there are two or more experiments). */
export function paramColumns(experiments: readonly LoggedExperiment[], onlyDiffering: boolean): string[] {
  return onlyDiffering && experiments.length > 1 ? differingParamKeys(experiments) : paramKeys(experiments);
}

/** A param value as a cell shows it: text as it is, anything else as JSON. */
export function paramText(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : canonicalJson(value);
}

type SortValue = string | number | undefined;

function sortValue(e: LoggedExperiment, column: string): SortValue {
  if (column === 'name') return e.name.toLowerCase();
  if (column === 'createdAt') return Date.parse(e.createdAt);
  if (column === 'source') return e.source.kind;
  if (column === 'dataset') return e.data.path ?? undefined;
  if (column === 'code') return e.code.commit ?? undefined;
  if (column.startsWith('metric:')) return e.metrics[column.slice('metric:'.length)];
  if (column.startsWith('param:')) {
    const value = flattenParams(e.params)[column.slice('param:'.length)];
    return typeof value === 'number' ? value : value === undefined ? undefined : paramText(value).toLowerCase();
  }
  return undefined;
}

/** Sorted by a column; experiments without a value go last in either direction; ties stay newest first. */
export function sortExperiments(experiments: readonly LoggedExperiment[], sort: SortState): LoggedExperiment[] {
  const sign = sort.descending ? -1 : 1;
  return experiments
    .map((e, i) => ({ e, i, v: sortValue(e, sort.column) }))
    .sort((a, b) => {
      if (a.v === undefined || b.v === undefined) return a.v === b.v ? a.i - b.i : a.v === undefined ? 1 : -1;
      const byValue = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
      return byValue === 0 ? a.i - b.i : sign * byValue;
    })
    .map((x) => x.e);
}

/** Clicking a header: the same column flips; a new one starts descending for numbers and time, ascending for text. */
export function nextSort(current: SortState, column: string): SortState {
  if (current.column === column) return { column, descending: !current.descending };
  const numeric = column === 'createdAt' || column.startsWith('metric:');
  return { column, descending: numeric };
}

/** The comparison's order: baselines first, then oldest first. The first is the reference for every delta. */
export function comparisonOrder(experiments: readonly LoggedExperiment[]): LoggedExperiment[] {
  return [...experiments].sort((a, b) => Number(a.baseline === 'none') - Number(b.baseline === 'none') || Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));
}

/** Time order (oldest first): the x axis of the metric chart. */
export function timeOrder(experiments: readonly LoggedExperiment[]): LoggedExperiment[] {
  return [...experiments].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id));
}
