/** The log's table: one row per experiment, fixed columns, then metric and param columns; sortable headers. */
import { flattenParams } from '../../../src/core/experiments/compare';
import { formatLocalTime, formatMetricValue, relativeTime } from '../../../src/core/experiments/format';
import type { LoggedExperiment } from '../../../src/protocol/experiments';
import { checkbox } from '../../shared/controls';
import { el } from '../../shared/dom';
import { paramText, type SortState } from './logModel';
import { BASELINE_SHORT, iconButton } from './widgets';

export interface TableCallbacks {
  sort(column: string): void;
  toggle(id: string, on: boolean): void;
  openRecord(id: string): void;
}

export interface TableView {
  experiments: LoggedExperiment[];
  metrics: string[];
  params: string[];
  sort: SortState;
  selected: ReadonlySet<string>;
}

const FIXED: [column: string, label: string, title: string][] = [
  ['name', 'Name', 'The experiment; badges: ★ starred, baseline kind, dirty code'],
  ['createdAt', 'Recorded', 'When it was recorded'],
  ['dataset', 'Dataset', 'Dataset path @ content hash'],
  ['code', 'Code', 'Git commit (dirty: uncommitted changes)'],
  ['source', 'Source', 'palette, cli, or the tool it was imported from'],
];

export function renderTable(table: HTMLTableElement, view: TableView, callbacks: TableCallbacks): void {
  const now = new Date();
  const groups = el('tr', { className: 'column-groups' }, [
    el('th', { attrs: { colspan: String(FIXED.length + 1) } }),
    ...(view.metrics.length ? [el('th', { className: 'group metrics-group', text: 'Metrics', attrs: { colspan: String(view.metrics.length) } })] : []),
    ...(view.params.length ? [el('th', { className: 'group params-group', text: 'Params', attrs: { colspan: String(view.params.length) } })] : []),
  ]);
  const head = el('tr', {}, [
    el('th', { className: 'select-cell', attrs: { scope: 'col' } }, [el('span', { className: 'visually-hidden', text: 'Selected' })]),
    ...FIXED.map(([column, label, title]) => header(column, label, title, view.sort, callbacks)),
    ...view.metrics.map((m, i) => header(`metric:${m}`, m, `Metric ${m}`, view.sort, callbacks, i === 0 ? 'num first-metric' : 'num')),
    ...view.params.map((p, i) => header(`param:${p}`, p, `Param ${p}`, view.sort, callbacks, i === 0 ? 'first-param' : '')),
  ]);
  const rows = view.experiments.map((e) => row(e, view, callbacks, now));
  table.replaceChildren(el('thead', {}, [groups, head]), el('tbody', {}, rows));
}

function header(column: string, label: string, title: string, sort: SortState, callbacks: TableCallbacks, className = ''): HTMLElement {
  const active = sort.column === column;
  const arrow = el('span', { className: `codicon codicon-${active ? (sort.descending ? 'arrow-down' : 'arrow-up') : 'blank'}`, attrs: { 'aria-hidden': 'true' } });
  const sortButton = el('button', { className: 'sort-button', title: `${title}. Click to sort.`, attrs: { type: 'button' } }, [el('span', { text: label }), arrow]);
  sortButton.addEventListener('click', () => callbacks.sort(column));
  return el('th', { className, attrs: { scope: 'col', 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none', 'data-column': column } }, [sortButton]);
}

function row(e: LoggedExperiment, view: TableView, callbacks: TableCallbacks, now: Date): HTMLElement {
  const selected = view.selected.has(e.id);
  const box = checkbox('', `Select "${e.name}" to chart and compare it`);
  box.checked = selected;
  box.setAttribute('aria-label', `Select ${e.name}`);
  box.addEventListener('change', () => callbacks.toggle(e.id, box.checked));
  const flat = flattenParams(e.params);
  const tr = el('tr', { className: selected ? 'selected' : '', attrs: { 'data-id': e.id, 'aria-selected': String(selected) } }, [
    el('td', { className: 'select-cell' }, [box]),
    nameCell(e, callbacks),
    el('td', { text: formatLocalTime(e.createdAt), title: `${relativeTime(e.createdAt, now)} (${e.createdAt})` }),
    el('td', { className: 'mono', text: e.data.path ? `${e.data.path}${e.data.sha256 ? ` @${e.data.sha256.slice(0, 8)}` : ''}` : '—', title: e.data.rows !== null ? `${e.data.rows.toLocaleString('en-US')} rows` : '' }),
    codeCell(e),
    el('td', { text: e.source.kind }),
    ...view.metrics.map((m, i) => el('td', { className: i === 0 ? 'num first-metric' : 'num', text: m in e.metrics ? formatMetricValue(e.metrics[m]) : '—', title: m in e.metrics ? String(e.metrics[m]) : `no ${m}` })),
    ...view.params.map((p, i) => el('td', { className: i === 0 ? 'param first-param' : 'param', text: p in flat ? paramText(flat[p]) : '—' })),
  ]);
  // A click anywhere on the row (but on its controls) selects it, like a list.
  tr.addEventListener('click', (event) => {
    if ((event.target as HTMLElement).closest('vscode-checkbox, button')) return;
    callbacks.toggle(e.id, !view.selected.has(e.id));
  });
  return tr;
}

function nameCell(e: LoggedExperiment, callbacks: TableCallbacks): HTMLElement {
  const badges: HTMLElement[] = [];
  if (e.starred) badges.push(el('span', { className: 'badge star', text: '★', title: 'Starred' }));
  if (e.baseline !== 'none') badges.push(el('span', { className: 'badge baseline', text: BASELINE_SHORT[e.baseline], title: `Baseline: ${e.baseline}` }));
  if (e.code.dirty) badges.push(el('span', { className: 'badge dirty', text: 'dirty', title: 'Recorded with uncommitted code changes' }));
  const open = iconButton('json', `Open the record file of "${e.name}"`);
  open.addEventListener('click', () => callbacks.openRecord(e.id));
  return el('td', { className: 'name-cell', title: e.notes ? `Note: ${e.notes}` : '' }, [el('div', { className: 'name-line' }, [el('span', { className: 'name', text: e.name }), ...badges, open])]);
}

function codeCell(e: LoggedExperiment): HTMLElement {
  if (!e.code.gitAvailable) return el('td', { className: 'muted', text: 'no git', title: e.code.reason ?? '' });
  const text = `${e.code.commit?.slice(0, 8) ?? 'no commit'}${e.code.dirty ? ' ±' : ''}`;
  return el('td', { className: 'mono', text, title: `${e.code.branch ?? 'detached'}${e.code.dirty ? ', uncommitted changes' : ''}${e.code.remote ? `, ${e.code.remote}` : ''}` });
}
