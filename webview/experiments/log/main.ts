/** The Experiment Log webview: filter, table, chart of a metric, comparison of the selected experiments. */
import { mainMetric } from '../../../src/core/experiments/compare';
import type { ExperimentLogToHost, HostToExperimentLog, LoggedExperiment } from '../../../src/protocol/experiments';
import { onThemeChange } from '../../shared/chartTheme';
import { button, checkbox, select, textField, type Select } from '../../shared/controls';
import { el } from '../../shared/dom';
import { connectToHost } from '../../shared/vscodeApi';
import { renderComparison } from './comparison';
import { renderTable } from './experimentTable';
import { comparisonOrder, DEFAULT_STATE, filterExperiments, metricColumns, nextSort, paramColumns, sortExperiments, timeOrder, type LogUiState } from './logModel';
import { MetricChart } from './metricChart';
import { agree, counted, noun } from '../../../src/core/plural';

const host = connectToHost<HostToExperimentLog, ExperimentLogToHost, LogUiState>();
const state: LogUiState = { ...DEFAULT_STATE, ...host.getState() };
let experiments: LoggedExperiment[] = [];
let received = false;

// ----- layout -----
const summary = el('div', { className: 'summary', attrs: { 'aria-live': 'polite' } });
const filter = textField('Filter by name, note, param, dataset… (all words must match)', 'Filter experiments');
filter.classList.add('filter');
filter.value = state.filter;
const onlyDiffering = checkbox('Show only differing params', 'Hide the params that have the same value in every experiment shown');
onlyDiffering.checked = state.onlyDiffering;
const clear = button('Clear selection', { secondary: true, icon: 'clear-all' });
const toolbar = el('div', { className: 'toolbar-row', attrs: { role: 'toolbar' } }, [filter, onlyDiffering, clear]);
const problems = el('div', { className: 'banner warn', attrs: { role: 'status' } });
const empty = el('div', { className: 'empty-state' });
const table = el('table', { className: 'data-table experiments-table', attrs: { 'aria-label': 'Experiments' } });
const tableBox = el('div', { className: 'table-scroll' }, [table]);
const chartTitle = el('h3', { text: 'Metric across experiments' });
let metricSelect: Select = select([], '', 'Metric to plot');
const metricSlot = el('span', {}, [metricSelect]);
const chartNote = el('span', { className: 'hint' });
const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': 'The chosen metric across experiments, in the order they were recorded' } });
const chartSection = el('section', { className: 'chart-section' }, [chartTitle, el('div', { className: 'toolbar-row' }, [el('label', { text: 'Metric' }), metricSlot, chartNote]), el('div', { className: 'chart-box wide' }, [canvas])]);
const comparison = el('section', { className: 'comparison', attrs: { 'aria-label': 'Comparison of the selected experiments' } });
document.getElementById('app')!.append(el('h2', { className: 'title', text: 'Experiment Log' }), summary, problems, empty, toolbar, tableBox, chartSection, comparison);
const chart = new MetricChart(canvas);

// ----- events -----
let filterTimer: ReturnType<typeof setTimeout> | undefined;
filter.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => update({ filter: filter.value }), 150);
});
onlyDiffering.addEventListener('change', () => update({ onlyDiffering: onlyDiffering.checked }));
clear.addEventListener('click', () => update({ selected: [] }));

host.onMessage((message) => {
  switch (message.type) {
    case 'experiments':
      experiments = message.experiments;
      received = true;
      showProblems(message.problems);
      showEmpty(message.folder);
      update({ selected: state.selected.filter((id) => experiments.some((e) => e.id === id)) });
      return;
    case 'select':
      update({ selected: message.ids.filter((id) => experiments.some((e) => e.id === id)) });
      reveal(message.ids);
      return;
  }
});
onThemeChange(() => renderChart());

function update(change: Partial<LogUiState>): void {
  Object.assign(state, change);
  host.setState(state);
  render();
}

// ----- rendering -----
function render(): void {
  const shown = sortExperiments(filterExperiments(experiments, state.filter), state.sort);
  const selected = new Set(state.selected);
  summary.textContent = received ? `${counted(experiments.length, 'experiment')}${shown.length !== experiments.length ? `, ${shown.length} shown` : ''} · ${selected.size} selected` : 'Loading…';
  for (const part of [toolbar, tableBox, chartSection, comparison]) part.hidden = experiments.length === 0;
  clear.hidden = selected.size === 0;
  renderTable(table, { experiments: shown, metrics: metricColumns(shown), params: paramColumns(shown, state.onlyDiffering), sort: state.sort, selected }, {
    sort: (column) => update({ sort: nextSort(state.sort, column) }),
    toggle: (id, on) => update({ selected: on ? [...state.selected.filter((s) => s !== id), id] : state.selected.filter((s) => s !== id) }),
    openRecord: (id) => host.post({ type: 'openRecord', id }),
  });
  renderChart();
  renderComparison(comparison, comparisonOrder(experiments.filter((e) => selected.has(e.id))), state.onlyDiffering);
}

/** The chosen metric over the selected experiments (every shown one when none is selected). */
function renderChart(): void {
  const chosen = state.selected.length ? experiments.filter((e) => state.selected.includes(e.id)) : filterExperiments(experiments, state.filter);
  const metrics = metricColumns(experiments);
  const metric = state.metric && metrics.includes(state.metric) ? state.metric : defaultMetric(chosen);
  chartSection.hidden = metrics.length === 0;
  if (!metric) return;
  replaceMetricSelect(metrics, metric);
  const plotted = chart.render(timeOrder(chosen), metric);
  chartNote.textContent = `${plotted} of ${chosen.length} ${state.selected.length ? 'selected' : 'shown'} ${noun(chosen.length, 'experiment')} ${agree(plotted, 'has', 'have')} ${metric}; ◆ marks a baseline.`;
}

/** The main metric (an F1, an accuracy…) among those most of the chosen experiments have. */
function defaultMetric(chosen: readonly LoggedExperiment[]): string | undefined {
  const coverage = new Map<string, number>();
  for (const e of chosen) for (const name of Object.keys(e.metrics)) coverage.set(name, (coverage.get(name) ?? 0) + 1);
  const most = Math.max(0, ...coverage.values());
  const candidates = Object.fromEntries([...coverage].filter(([, n]) => n === most).map(([name]) => [name, 0]));
  return mainMetric(candidates)?.name ?? metricColumns(experiments)[0];
}

function replaceMetricSelect(metrics: string[], metric: string): void {
  const current = [...metricSelect.querySelectorAll('vscode-option')].map((o) => o.getAttribute('value'));
  if (current.join('\n') === metrics.join('\n') && metricSelect.value === metric) return;
  metricSelect = select(metrics.map((m) => ({ value: m, label: m })), metric, 'Metric to plot');
  metricSelect.addEventListener('change', () => update({ metric: metricSelect.value }));
  metricSlot.replaceChildren(metricSelect);
}

function showProblems(messages: string[]): void {
  problems.hidden = messages.length === 0;
  problems.replaceChildren(el('strong', { text: `${counted(messages.length, 'record file')} could not be read and ${agree(messages.length, 'is', 'are')} left out: ` }), ...messages.map((m) => el('div', { text: m })));
}

function showEmpty(folder: string): void {
  empty.hidden = experiments.length > 0;
  if (!empty.hidden) {
    const record = button('Record Experiment', { icon: 'add' });
    record.addEventListener('click', () => host.post({ type: 'run', command: 'record' }));
    const importButton = button('Import Experiments', { secondary: true, icon: 'cloud-download' });
    importButton.addEventListener('click', () => host.post({ type: 'run', command: 'import' }));
    empty.replaceChildren(el('p', { text: `No experiments yet. Records are files in ${folder}: record one from the palette or a training script (loupe record), or import MLflow, DVC or W&B runs.` }), el('div', { className: 'toolbar-row' }, [record, importButton]));
  }
}

/** Brings the rows of `ids` into view; with two or more, the comparison too. */
function reveal(ids: string[]): void {
  requestAnimationFrame(() => {
    const rowEl = table.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(ids[0] ?? '')}"]`);
    rowEl?.scrollIntoView({ block: 'nearest' });
    rowEl?.querySelector<HTMLElement>('vscode-checkbox')?.focus();
    if (ids.length > 1) comparison.scrollIntoView({ block: 'start' });
  });
}

render();
host.post({ type: 'ready' });
