/** The label table webview: toolbar, problems banner, virtual grid, tag picker, status line. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { HostToTable, TableColumn, TableFilter, TableProblem, TableRow, TableSort, TableTag, TableToHost } from '../../src/protocol/labelTable';
import { connectToHost } from '../shared/vscodeApi';
import { custom, el, formatCount } from '../shared/dom';
import { TagPicker } from './tagPicker';
import { VirtualTable, type DisplayColumn } from './virtualTable';

interface UiState {
  filter: TableFilter;
  sort: TableSort | null;
  selected: number;
}

const host = connectToHost<HostToTable, TableToHost, UiState>();
const saved = host.getState();

const state = {
  columns: [] as TableColumn[],
  tags: [] as TableTag[],
  filter: saved.filter ?? ({} as TableFilter),
  sort: saved.sort ?? null,
  version: -1,
  count: 0,
  total: 0,
  errors: 0,
  taggedErrors: 0,
  loaded: false,
  hasOutcomes: false,
  rows: new Map<number, TableRow>(),
  requested: new Set<number>(),
  nextRequest: 1,
};

// ----- layout -----
const fileName = el('span', { className: 'file-name' });
const misclassifiedToggle = custom('vscode-checkbox', { label: 'Misclassified only', title: 'Show only rows where the label differs from the prediction (m)' }) as HTMLElement & {
  checked: boolean;
};
const counts = el('span', { className: 'counts', attrs: { 'aria-live': 'polite' } });
const progressBar = custom('vscode-progress-bar', { 'aria-label': 'Loading' }) as HTMLElement & { value?: number; max: number };
const progressText = el('span', { className: 'progress-text' });
const cancelButton = custom('vscode-button', { secondary: '' }, 'Cancel');
const progress = el('div', { className: 'progress' }, [progressBar, progressText, cancelButton]);
const toolbar = el('div', { className: 'toolbar', attrs: { role: 'toolbar' } }, [fileName, misclassifiedToggle, el('span', { className: 'spacer' }), counts]);
const banner = el('div', { className: 'banner', attrs: { role: 'status' } });
const emptyState = el('div', { className: 'empty-state' });
const picker = new TagPicker();
const status = el('div', { className: 'status-line' });
const table = new VirtualTable({
  row: (position) => state.rows.get(position),
  needRows: (start, end) => requestRows(start, end),
  selectionChanged: (position) => {
    persist();
    updateStatus(position);
  },
  sortRequested: (column) => cycleSort(column),
  activate: () => openPicker(),
});
const app = document.getElementById('app')!;
app.append(toolbar, progress, banner, table.element, emptyState, status, picker.element);
progress.hidden = true;
banner.hidden = true;
emptyState.hidden = true;
misclassifiedToggle.checked = state.filter.misclassified ?? false;

misclassifiedToggle.addEventListener('change', () => setFilter({ ...state.filter, misclassified: misclassifiedToggle.checked }));
cancelButton.addEventListener('click', () => host.post({ type: 'cancelLoad' }));

// ----- host messages -----
host.onMessage((message) => {
  switch (message.type) {
    case 'init':
      fileName.textContent = message.fileName;
      state.columns = message.columns;
      table.setColumns(displayColumns(message.columns));
      table.setSort(sortDisplay());
      return;
    case 'progress':
      showProgress(message.bytesRead, message.totalBytes, message.rows);
      return;
    case 'loaded':
      state.loaded = true;
      state.hasOutcomes = message.hasOutcomes;
      progress.hidden = true;
      showProblems(message.problems, message.problemCount);
      misclassifiedToggle.toggleAttribute('disabled', !message.hasOutcomes);
      sendView();
      return;
    case 'loadFailed':
      progress.hidden = true;
      showBanner('error', [message.message]);
      return;
    case 'view':
      onView(message);
      return;
    case 'rows':
      if (message.version !== state.version) return;
      message.rows.forEach((row, i) => state.rows.set(message.start + i, row));
      for (let p = message.start; p < message.start + message.rows.length; p++) state.requested.delete(p);
      table.refresh();
      updateStatus(table.selected);
      return;
    case 'tags':
      state.tags = message.tags;
      return;
    case 'annotationsChanged':
      state.requested.clear();
      state.rows.clear();
      table.refresh();
      return;
    case 'sidecarProblems':
      if (message.problems.length > 0) {
        showBanner('warning', message.problems.slice(0, 5).map((p) => `${message.file}, line ${p.line}: ${p.message}`));
      }
      return;
  }
});

function onView(message: Extract<HostToTable, { type: 'view' }>): void {
  const changedShape = message.count !== state.count || message.version !== state.version;
  state.version = message.version;
  state.count = message.count;
  state.total = message.total;
  state.errors = message.errors;
  state.taggedErrors = message.taggedErrors;
  if (changedShape) {
    state.rows.clear();
    state.requested.clear();
  }
  table.setCount(message.count);
  emptyState.hidden = message.count > 0 || !state.loaded;
  emptyState.textContent = state.filter.misclassified ? 'No misclassified rows. Clear "Misclassified only" to see every row.' : 'This file has no data rows.';
  if (table.selected < 0 && message.count > 0) {
    table.select(Math.min(saved.selected ?? 0, message.count - 1), true);
    saved.selected = 0;
  }
  updateCounts();
}

function sendView(): void {
  host.post({ type: 'setView', filter: state.filter, sort: state.sort });
}

function setFilter(filter: TableFilter): void {
  state.filter = filter;
  table.selected = -1;
  persist();
  sendView();
}

function requestRows(start: number, end: number): void {
  let from = -1;
  for (let p = start; p <= end; p++) {
    const missing = p < end && !state.rows.has(p) && !state.requested.has(p);
    if (missing && from < 0) from = p;
    if (!missing && from >= 0) {
      const count = p - from;
      for (let q = from; q < p; q++) state.requested.add(q);
      host.post({ type: 'requestRows', requestId: state.nextRequest++, version: state.version, start: from, count });
      from = -1;
    }
  }
}

// ----- columns and sorting -----
function displayColumns(columns: TableColumn[]): DisplayColumn[] {
  const out: DisplayColumn[] = [{ id: 'status', title: '', width: 28, source: 'status', tooltip: 'Correct or misclassified' }];
  const key = columns.find((c) => c.role === 'id');
  if (key) out.push(dataColumn(key));
  out.push({ id: 'tags', title: 'Tags', width: 200, source: 'tags', tooltip: 'Tags and notes (t to tag, 1-9 to toggle)' });
  for (const c of columns) if (c !== key) out.push(dataColumn(c));
  return out;
}

function dataColumn(c: TableColumn): DisplayColumn {
  const width = c.kind === 'text' ? 320 : c.kind === 'numeric' ? 96 : c.kind === 'key' ? 130 : 120;
  return { id: `c${c.index}`, title: c.name, width, source: c.index, numeric: c.kind === 'numeric', tooltip: `${c.name} · role: ${c.role}` };
}

function sortDisplay(): { id: string; descending: boolean } | undefined {
  return state.sort ? { id: `c${state.sort.column}`, descending: state.sort.descending } : undefined;
}

function cycleSort(column: DisplayColumn): void {
  if (typeof column.source !== 'number') return;
  const current = state.sort?.column === column.source ? state.sort : null;
  state.sort = !current ? { column: column.source, descending: false } : !current.descending ? { column: column.source, descending: true } : null;
  table.setSort(sortDisplay());
  persist();
  sendView();
}

// ----- tagging -----
function selectedRow(): TableRow | undefined {
  return table.selected >= 0 ? state.rows.get(table.selected) : undefined;
}

function openPicker(): void {
  const row = selectedRow();
  if (!row) return;
  picker.open(
    state.tags.map((t) => ({ name: t.name, count: t.count, applied: row.tags.includes(t.name) })),
    (tag, applied) => host.post({ type: 'toggleTag', keys: [row.key], tag, on: !applied }),
    () => table.focusTarget.focus(),
  );
}

function toggleNumberedTag(index: number): void {
  const row = selectedRow();
  const tag = state.tags[index];
  if (!row || !tag) return;
  host.post({ type: 'toggleTag', keys: [row.key], tag: tag.name, on: !row.tags.includes(tag.name) });
}

table.focusTarget.addEventListener('keydown', (event) => {
  if (picker.isOpen || event.altKey || event.ctrlKey || event.metaKey) return;
  const page = table.pageSize;
  const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, j: 1, k: -1 };
  if (event.key in moves) {
    event.preventDefault();
    table.select(Math.max(0, table.selected) + moves[event.key]);
  } else if (event.key === 'Home' || event.key === 'End') {
    event.preventDefault();
    table.select(event.key === 'Home' ? 0 : table.rowCount - 1);
  } else if (event.key === 't' || event.key === 'Enter') {
    event.preventDefault();
    openPicker();
  } else if (/^[1-9]$/.test(event.key)) {
    event.preventDefault();
    toggleNumberedTag(Number(event.key) - 1);
  } else if (event.key === 'm' && state.hasOutcomes) {
    event.preventDefault();
    misclassifiedToggle.checked = !misclassifiedToggle.checked;
    setFilter({ ...state.filter, misclassified: misclassifiedToggle.checked });
  }
});

// ----- status -----
function showProgress(bytesRead: number, totalBytes: number, rows: number): void {
  progress.hidden = false;
  progressBar.max = 100;
  progressBar.value = totalBytes > 0 ? Math.round((bytesRead / totalBytes) * 100) : 0;
  progressText.textContent = `Reading… ${formatCount(rows)} rows (${Math.round((bytesRead / Math.max(1, totalBytes)) * 100)}%)`;
}

function showProblems(problems: TableProblem[], total: number): void {
  if (problems.length === 0) return;
  const severity = problems.some((p) => p.severity === 'error') ? 'error' : 'warning';
  const lines = problems.slice(0, 5).map((p) => `Line ${p.line}: ${p.message}`);
  if (total > lines.length) lines.push(`…and ${formatCount(total - lines.length)} more in the Problems panel.`);
  showBanner(severity, lines);
}

function showBanner(severity: 'error' | 'warning', lines: string[]): void {
  banner.hidden = false;
  banner.className = `banner ${severity}`;
  banner.replaceChildren(
    el('span', { className: `codicon codicon-${severity}` }),
    el('div', { className: 'banner-lines' }, lines.map((l) => el('div', { text: l }))),
  );
}

function updateCounts(): void {
  const parts = [`${formatCount(state.count)} of ${formatCount(state.total)} rows`];
  if (state.hasOutcomes) parts.push(`${formatCount(state.errors)} errors`, `tagged ${formatCount(state.taggedErrors)} of ${formatCount(state.errors)} errors`);
  counts.textContent = parts.join(' · ');
}

function updateStatus(position: number): void {
  const row = state.rows.get(position);
  status.textContent = row
    ? `Row ${formatCount(position + 1)} of ${formatCount(state.count)} · line ${row.line}${row.tags.length ? ` · ${row.tags.join(', ')}` : ''} — t tag · 1-9 toggle tag · m misclassified only`
    : '';
}

function persist(): void {
  host.setState({ filter: state.filter, sort: state.sort, selected: table.selected });
}

host.post({ type: 'ready' });
table.focusTarget.focus();
