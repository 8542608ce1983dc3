/** The label table webview: toolbar and filters, problems banner, virtual grid, detail pane, tag picker. */
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import type { DerivedColumn, HostToTable, TableColumn, TableDefaults, TableFilter, TableProblem, TableRow, TableSort, TableToHost } from '../../src/protocol/labelTable';
import { button } from '../shared/controls';
import { connectToHost } from '../shared/vscodeApi';
import { isField } from '../shared/fieldKeys';
import { searchedColumns } from '../../src/core/dataset/searchColumns';
import { custom, el, formatCount } from '../shared/dom';
import { ColumnsMenu, FILE_TAGS_NOTE } from './columnsMenu';
import { DetailPane } from './detailPane';
import { MediaLocations } from './mediaPreview';
import { mediaKindOf } from '../../src/core/media/mediaKind';
import { FilterBar } from './filterBar';
import { handleTableKey, KeysInFlight, runTableCommand, type TableKeyActions } from './keyboard';
import { fileLabelOf } from './labelCard';
import { derivedColumns, labelIssuesLine, statusKeys, WITHHELD_LINE } from './labelIssuesUi';
import { initialFileState, initialReviewState, initialViewState, type LayoutState } from './state';
import { TagPicker } from './tagPicker';
import { THUMBNAIL_ROW_HEIGHT, Thumbnails } from './thumbnails';
import { isSortable, VirtualTable, type DisplayColumn } from './virtualTable';
import { agree, counted } from '../../src/core/plural';

interface UiState {
  filter: TableFilter;
  sort: TableSort | null;
  selected: number;
  hidden: number[];
  widths: Record<string, number>;
  detail: boolean;
  /** Pictures in the rows of a file with image paths (on unless turned off). */
  thumbnails?: boolean;
}

/** Column widths by column id, with no prototype; saved state holds only own numbers. */
function ownWidths(from: Record<string, number> | undefined): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  for (const [id, width] of Object.entries(from ?? {})) if (typeof width === 'number' && Number.isFinite(width)) out[id] = width;
  return out;
}

const host = connectToHost<HostToTable, TableToHost, UiState>();
const saved = host.getState();

const file = initialFileState();
const view = initialViewState();
const review = initialReviewState();
const layout: LayoutState = {
  sort: saved.sort ?? null,
  hidden: new Set(saved.hidden ?? []),
  widths: ownWidths(saved.widths),
  initialSelection: saved.selected ?? 0,
};
/** The settings loupe.table.searchColumns and loupe.table.hiddenColumns, as the host last sent them. */
let defaults: TableDefaults = { searchColumns: [], hiddenColumns: [] };
/** Hidden columns come from the setting only until the user (or a saved table) chose some. */
let hiddenFromSettings = saved.hidden === undefined;

// ----- layout -----
const fileName = el('span', { className: 'file-name' });
const counts = el('span', { className: 'counts', attrs: { 'aria-live': 'polite' } });
let shownComparison = JSON.stringify(saved.filter?.comparison ?? null);
const filters = new FilterBar(saved.filter ?? {}, (filter) => {
  table.selected = -1;
  persist();
  sendView();
  // A and B side by side while a comparison filter is on.
  const comparison = JSON.stringify(filter.comparison ?? null);
  if (comparison !== shownComparison) {
    shownComparison = comparison;
    applyColumns();
  }
});
const columnsMenu = new ColumnsMenu(
  {
    hiddenChanged: (hidden) => {
      layout.hidden = hidden;
      persist();
      applyColumns();
    },
    roleChanged: (column, role) => host.post({ type: 'changeSettings', roles: rolesOf(file.columns, column, role) }),
    delimiterChanged: (delimiter) => host.post({ type: 'changeSettings', delimiter }),
    resetWidths: () => {
      layout.widths = ownWidths(undefined);
      persist();
      applyColumns();
    },
  },
  layout.hidden,
);
const analysisButton = button('Error Analysis', { secondary: true, icon: 'graph', title: 'Per-tag metrics and what data to improve next' });
const reviewButton = button('Review', { secondary: true, icon: 'checklist', title: 'Review labeler disagreements or likely label errors one by one and decide the label (r)' });
const agreementButton = button('Consistency', { secondary: true, icon: 'organization', title: 'Labeler agreement, ambiguous classes, label fixes' });
const metricsButton = button('Metrics', { secondary: true, icon: 'dashboard', title: 'Confusion matrix, per-class metrics, thresholds and slices' });
const thumbnailsButton = button('Thumbnails', { secondary: true, icon: 'file-media', title: "Show the pictures of the image paths in the table's rows (i)" });
thumbnailsButton.hidden = true;
const detailButton = button('Details', { secondary: true, icon: 'layout-sidebar-right', title: 'Show the selected example in full (Space)' });
const progressBar = custom('vscode-progress-bar', { 'aria-label': 'Loading' }) as HTMLElement & { value?: number; max: number };
const progressText = el('span', { className: 'progress-text' });
const cancelButton = button('Cancel', { secondary: true });
const progress = el('div', { className: 'progress' }, [progressBar, progressText, cancelButton]);
const toolbar = el('div', { className: 'toolbar', attrs: { role: 'toolbar' } }, [fileName, filters.element, el('span', { className: 'spacer' }), reviewButton, analysisButton, metricsButton, agreementButton, columnsMenu.button, thumbnailsButton, detailButton, columnsMenu.element]);
const issuesLine = el('span', { className: 'label-issues-line', attrs: { 'aria-live': 'polite' } });
issuesLine.hidden = true;
const summary = el('div', { className: 'summary-bar' }, [filters.chips, el('span', { className: 'spacer' }), issuesLine, counts]);
const banner = el('div', { className: 'banner', attrs: { role: 'status' } });
const notice = el('div', { className: 'banner warning notice', attrs: { role: 'status' } });
const emptyState = el('div', { className: 'empty-state' });
const picker = new TagPicker();
const status = el('div', { className: 'status-line' });
const mediaLocations = new MediaLocations((requestId, path) => host.post({ type: 'resolveMedia', requestId, path }));
const detail = new DetailPane({
  openPath: (path) => host.post({ type: 'openPath', path }),
  locateMedia: (path) => mediaLocations.locate(path),
  setNote: (key, note) => host.post({ type: 'setNote', key, note }),
});
const table: VirtualTable = new VirtualTable({
  row: (position) => view.rows.get(position),
  needRows: (start, end) => requestRows(start, end),
  selectionChanged: (position) => {
    persist();
    updateStatus(position);
    showDetail();
  },
  sortRequested: (column) => cycleSort(column),
  activate: () => openPicker(),
  widthChanged: (column, width) => {
    layout.widths[column.id] = width;
    persist();
  },
  paintData: (cell, column, text): boolean => picturesInRows && thumbnails.paint(cell, column, text),
  clearData: (cell) => Thumbnails.clear(cell),
});
const thumbnails: Thumbnails = new Thumbnails(mediaLocations, table.element, () => table.refresh());
let thumbnailsOn = saved.thumbnails ?? true;
/** Whether rows show pictures: kept by applyThumbnails, where every change it depends on ends, so painting a cell reads a boolean. */
let picturesInRows = false;
const body = el('div', { className: 'body' }, [el('div', { className: 'main' }, [table.element, emptyState]), detail.element]);
const app = document.getElementById('app')!;
app.append(toolbar, summary, progress, banner, notice, body, status, picker.element);
for (const hidden of [progress, banner, notice, emptyState]) hidden.hidden = true;
if (saved.detail) detail.toggle();

cancelButton.addEventListener('click', () => host.post({ type: 'cancelLoad' }));
detailButton.addEventListener('click', () => toggleDetail());
analysisButton.addEventListener('click', () => host.post({ type: 'showErrorAnalysis' }));
metricsButton.addEventListener('click', () => host.post({ type: 'showMetrics' }));
agreementButton.addEventListener('click', () => host.post({ type: 'showAgreement' }));
reviewButton.setAttribute('aria-pressed', 'false');
reviewButton.addEventListener('click', () => toggleReview());
thumbnailsButton.addEventListener('click', () => toggleThumbnails());

// ----- host messages -----
type HostHandlers = { [K in HostToTable['type']]: (message: Extract<HostToTable, { type: K }>) => void };

const onHostMessage: HostHandlers = {
  init: (m) => {
    fileName.textContent = m.fileName;
    file.columns = m.columns;
    defaults = m.defaults;
    if (hiddenFromSettings) {
      hiddenFromSettings = false;
      for (const c of m.columns) if (m.defaults.hiddenColumns.includes(c.name)) layout.hidden.add(c.index);
      persist();
    }
    applyColumns();
  },
  progress: (m) => showProgress(m.bytesRead, m.totalBytes, m.rows),
  loaded: (m) => {
    mediaLocations.forget();
    thumbnails.reset();
    onLoaded(m);
  },
  loadFailed: (m) => {
    progress.hidden = true;
    showBanner(banner, 'error', [m.message]);
  },
  view: (m) => onView(m),
  rows: (m) => onRows(m),
  tags: (m) => {
    file.tags = m.tags;
    updateFilterContext();
  },
  annotationsChanged: () => {
    view.rows.clear();
    table.refresh();
    markState();
  },
  media: (m) => mediaLocations.received(m.requestId, m.location),
  sidecarProblems: (m) => {
    if (m.problems.length > 0) showBanner(notice, 'warning', m.problems.slice(0, 5).map((p) => `${m.file}, line ${p.line}: ${p.message}`));
    else notice.hidden = true;
  },
  missingKeys: (m) => {
    if (m.count > 0) showBanner(notice, 'warning', [`${counted(m.count, 'annotated example')} ${agree(m.count, 'is', 'are')} no longer in the file (e.g. ${m.sample.join(', ')}). Their tags and notes stay in the sidecar.`]);
  },
  reviewClasses: (m) => {
    review.classes = m.classes;
    review.ambiguousClass = m.ambiguousClass;
    review.classNotes = m.classNotes;
    showDetail();
  },
  goTo: (m) => {
    if (m.version === view.version) table.select(m.position);
  },
  applyFilter: (m) => {
    filters.set(m.filter);
    if (m.review && !review.reviewing) toggleReview();
    table.focusTarget.focus();
  },
  command: (m) => onTableCommand(m.name),
  keys: (m) => {
    if (m.seq === keysState.seq) app.dataset.tableKeys = m.on ? 'on' : 'off';
  },
  busy: (m) => {
    progress.hidden = m.message === null;
    progressBar.value = undefined;
    progressText.textContent = m.message ?? '';
    cancelButton.hidden = true;
  },
};

host.onMessage((message) => (onHostMessage[message.type] as (m: HostToTable) => void)(message));

function onRows(message: Extract<HostToTable, { type: 'rows' }>): void {
  if (message.version !== view.version) return;
  // Without likely-error figures (none, or withheld), rows carry none either.
  const rows = file.labelIssues ? message.rows : message.rows.map(({ labelIssue: _labelIssue, ...row }) => row);
  view.rows.store(message.start, rows, Math.max(0, table.selected));
  if (thumbnails.observe(rows, file.columns)) applyThumbnails();
  table.refresh();
  markState();
  updateStatus(table.selected);
  showDetail();
  if (pickerWaitingForRow && view.rows.has(table.selected)) openPicker();
  applyKeysWaitingForRow();
}

function onLoaded(message: Extract<HostToTable, { type: 'loaded' }>): void {
  file.loaded = true;
  file.hasOutcomes = message.hasOutcomes;
  file.hasLabelers = message.hasLabelers;
  // A file that could not be read correctly gets no likely-error figures (as `loupe issues` exits 2).
  const readable = !message.problems.some((p) => p.severity === 'error');
  file.labelIssues = readable ? (message.labelIssues ?? null) : null;
  file.labelIssuesWithheld = !readable && Boolean(message.labelIssues);
  reviewButton.hidden = !file.hasLabelers && !file.labelIssues;
  agreementButton.hidden = !message.hasLabelers && !message.looksLong;
  analysisButton.hidden = metricsButton.hidden = !message.hasOutcomes;
  file.delimiter = message.delimiter;
  file.categories = message.categories;
  progress.hidden = true;
  if (message.problems.length > 0) showProblems(message.problems, message.problemCount);
  else banner.hidden = true;
  columnsMenu.render(file.columns, file.delimiter);
  if (!file.labelIssues) forgetLabelIssueView();
  applyColumns();
  updateFilterContext();
  sendView();
}

/** A saved sort or filter on likely label errors, for a file that has none (now): dropped, not left on invisibly. */
function forgetLabelIssueView(): void {
  if (typeof layout.sort?.column === 'string') layout.sort = null;
  const { likelyError: _likelyError, ...rest } = filters.value;
  if (filters.value.likelyError) filters.set(rest);
}

/**
 * What the table shows, on its root, for tools that look at the page (the UI tests wait on it):
 * `data-filters` lists the active filters ("" when none); `data-state` is `loading` until the
 * file is read, `pending` while a view asked for is on its way or rows on screen are still
 * blank, and `ready` once the latest view came back and every row on screen is painted.
 */
function markState(): void {
  app.dataset.filters = Object.keys(filters.value).sort().join(' ');
  const blank = table.element.querySelector('.grid-row.loading:not([hidden])') !== null;
  app.dataset.state = !file.loaded ? 'loading' : view.awaitingView || blank ? 'pending' : 'ready';
}

function updateFilterContext(): void {
  filters.setContext({ searchColumns: defaults.searchColumns, columns: file.columns, categories: file.categories, tags: file.tags.map((t) => t.name), hasOutcomes: file.hasOutcomes, hasLabelers: file.hasLabelers, hasLabelIssues: file.labelIssues !== null });
}

function onView(message: Extract<HostToTable, { type: 'view' }>): void {
  const changedShape = message.count !== view.count || message.version !== view.version;
  view.version = message.version;
  view.count = message.count;
  view.total = message.total;
  view.errors = message.errors;
  view.taggedErrors = message.taggedErrors;
  view.openIssues = message.openIssues;
  if (changedShape) {
    view.rows.clear();
    table.clearExtra();
  }
  view.awaitingView = false;
  table.setCount(message.count);
  emptyState.hidden = message.count > 0 || !file.loaded;
  emptyState.textContent = emptyMessage();
  if (table.selected < 0 && message.count > 0) {
    table.select(Math.min(layout.initialSelection, message.count - 1), true);
    layout.initialSelection = 0;
  }
  updateCounts();
  markState();
}

/** `keepRow`: the file row the cursor is on, for the host to find in the new order. */
function sendView(keepRow?: number): void {
  view.awaitingView = true;
  markState();
  const filter = filters.value;
  const searchColumns = filter.search !== undefined && defaults.searchColumns.length > 0 ? { searchColumns: defaults.searchColumns } : {};
  host.post({ type: 'setView', filter: { ...filter, ...searchColumns }, sort: layout.sort, ...(keepRow === undefined ? {} : { keepRow }) });
}

function requestRows(start: number, end: number): void {
  let from = -1;
  for (let p = start; p <= end; p++) {
    const missing = p < end && view.rows.missing(p);
    if (missing && from < 0) from = p;
    if (!missing && from >= 0) {
      view.rows.markRequested(from, p);
      host.post({ type: 'requestRows', requestId: view.nextRequest++, version: view.version, start: from, count: p - from });
      from = -1;
    }
  }
  markState();
}

// ----- thumbnails -----
/** Columns of pictures the table shows (not hidden in the Columns menu). */
function shownImageColumns(): number {
  return [...thumbnails.imageColumns].filter((index) => file.columns.some((c) => c.index === index && (!layout.hidden.has(index) || comparedColumn(c)))).length;
}

function thumbnailsShown(): boolean {
  return thumbnailsOn && shownImageColumns() > 0;
}

/** Pictures in the rows on or off (the button, or i); false when no shown column holds image paths. */
function toggleThumbnails(): boolean {
  if (shownImageColumns() === 0) return false;
  thumbnailsOn = !thumbnailsOn;
  persist();
  applyThumbnails();
  return true;
}

/** The Thumbnails button shows while a shown column holds image paths; with pictures on, rows are taller. */
function applyThumbnails(): void {
  picturesInRows = thumbnailsShown();
  thumbnailsButton.hidden = shownImageColumns() === 0;
  thumbnailsButton.toggleAttribute('secondary', !picturesInRows);
  thumbnailsButton.setAttribute('aria-pressed', String(picturesInRows));
  table.setRowHeight(picturesInRows ? THUMBNAIL_ROW_HEIGHT : 24);
  table.refresh();
  updateStatus(table.selected);
  markState();
}

// ----- columns and sorting -----
function applyColumns(): void {
  table.setColumns(displayColumns(sideBySide(file.columns.filter((c) => !layout.hidden.has(c.index) || comparedColumn(c)))));
  table.setSort(sortDisplay());
  applyThumbnails();
}

/** The prediction column (A) and the column compared with it (B), while a comparison filter is on. */
function comparedColumn(c: TableColumn): 'A' | 'B' | undefined {
  const comparison = filters.value.comparison;
  if (!comparison) return undefined;
  return c.index === comparison.b ? 'B' : c.role === 'prediction' ? 'A' : undefined;
}

/** With a comparison filter, B's column moves right after A's, so both predictions read side by side. */
function sideBySide(columns: TableColumn[]): TableColumn[] {
  const b = columns.find((c) => comparedColumn(c) === 'B');
  const a = columns.findIndex((c) => comparedColumn(c) === 'A');
  if (!b || a < 0) return columns;
  const rest = columns.filter((c) => c !== b);
  rest.splice(rest.indexOf(columns[a]) + 1, 0, b);
  return rest;
}

function displayColumns(columns: TableColumn[]): DisplayColumn[] {
  const out: DisplayColumn[] = [{ id: 'status', title: '', width: 28, source: 'status', tooltip: 'Correct or misclassified', frozen: true }];
  const key = columns.find((c) => c.role === 'id');
  if (key) out.push({ ...dataColumn(key), frozen: true });
  out.push({ id: 'tags', title: 'Loupe tags', width: layout.widths.tags ?? 200, source: 'tags', tooltip: LOUPE_TAGS_TOOLTIP });
  if (file.labelIssues) out.push(...derivedColumns(layout.widths));
  for (const c of columns) if (c !== key) out.push(dataColumn(c));
  return out;
}

const LOUPE_TAGS_TOOLTIP =
  "Loupe tags and notes, saved in .loupe/annotations (t to tag, 1-9 to toggle). A row's Loupe tags start from the CSV's own tags column, if it has one; the CSV is never written.";

function dataColumn(c: TableColumn): DisplayColumn {
  const id = `c${c.index}`;
  const width = layout.widths[id] ?? (c.kind === 'text' ? 320 : c.kind === 'numeric' ? 96 : c.kind === 'key' ? 130 : 120);
  const compared = comparedColumn(c);
  const title = compared ? `${c.name} (${compared})` : c.name;
  const note = c.role === 'tags' ? ` · ${FILE_TAGS_NOTE}` : '';
  return { id, title, width, source: c.index, numeric: c.kind === 'numeric', tooltip: `${c.name} · role: ${c.role}${compared ? ` · predictions ${compared} of the comparison filter` : ''}${note} (click to sort)` };
}

/** Roles by column name (data): no prototype, so a column named `__proto__` keeps its role. */
function rolesOf(columns: TableColumn[], changed: TableColumn, role: TableColumn['role']): Record<string, TableColumn['role']> {
  const out = Object.create(null) as Record<string, TableColumn['role']>;
  for (const c of columns) out[c.name] = c.role;
  out[changed.name] = role;
  return out;
}

function sortDisplay(): { id: string; descending: boolean } | undefined {
  if (!layout.sort) return undefined;
  const { column, descending } = layout.sort;
  return { id: typeof column === 'number' ? `c${column}` : column, descending };
}

function cycleSort(column: DisplayColumn): void {
  if (!isSortable(column)) return;
  const source = column.source as number | DerivedColumn;
  const current = layout.sort?.column === source ? layout.sort : null;
  setSort(!current ? { column: source, descending: false } : !current.descending ? { column: source, descending: true } : null);
}

/**
 * A new order starts at the top, on its first row, unless the user put the cursor on another
 * row and it is on screen: then the cursor follows that row to its new place, in view.
 */
function setSort(sort: TableSort | null, fromTop = false): void {
  layout.sort = sort;
  table.setSort(sortDisplay());
  persist();
  const row = selectedRow();
  if (row && !fromTop && table.selected > 0 && table.isInView(table.selected)) {
    sendView(row.row);
    return;
  }
  table.scrollToTop();
  if (table.rowCount > 0) table.select(0);
  sendView();
}

// ----- tagging -----
/** What the table says when no row is shown: the search and the columns it looked in, or the filters. */
function emptyMessage(): string {
  const filter = filters.value;
  if (Object.keys(filter).length === 0) return 'This file has no data rows.';
  if (filter.search === undefined) return 'No row matches these filters.';
  const names = searchedColumns(file.columns, defaults.searchColumns).map((c) => c.name);
  const where = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? 'the file');
  const others = Object.keys(filter).filter((k) => k !== 'search').length;
  return `No row contains "${filter.search}" in ${where}${others > 0 ? ' among the rows the other filters keep' : ''}. Clear the search or change the filters to see rows again.`;
}

function selectedRow(): TableRow | undefined {
  return table.selected >= 0 ? view.rows.get(table.selected) : undefined;
}

let pickerWaitingForRow = false;

function openPicker(wholeView = false): void {
  const row = selectedRow();
  // The row may still be on its way (a new filter, a fast key): open as soon as it arrives.
  pickerWaitingForRow = !row && !wholeView;
  if (!row && !wholeView) return;
  const many = table.selectionSize;
  const title = wholeView ? `Tag all ${formatCount(view.count)} rows of this filter` : many > 1 ? `Tag ${formatCount(many)} selected rows` : 'Tag this row';
  picker.open(
    file.tags.map((t) => ({ name: t.name, count: t.count, key: t.key, source: t.source, applied: !wholeView && (row?.tags.includes(t.name) ?? false) })),
    (tag, applied) => (wholeView ? host.post({ type: 'tagView', tag, on: !applied }) : applyTag(tag, !applied)),
    () => table.focusTarget.focus(),
    title,
  );
  if (pickerTypeAhead) picker.typeAhead(pickerTypeAhead);
  pickerTypeAhead = '';
}

/** Tags the cursor row, or every selected row. */
function applyTag(tag: string, on: boolean): void {
  const row = selectedRow();
  if (table.selectionSize > 1) host.post({ type: 'tagSelection', version: view.version, ranges: table.selection, tag, on });
  else if (row) host.post({ type: 'toggleTag', keys: [row.key], tag, on });
}

/** Tag keys pressed on a row still on its way (End, a far jump): applied when it arrives, unless the cursor moved on. */
let keysWaitingForRow: { position: number; keys: string[] } | null = null;

function applyKeysWaitingForRow(): void {
  if (!keysWaitingForRow) return;
  if (keysWaitingForRow.position !== table.selected) keysWaitingForRow = null;
  else if (view.rows.has(table.selected)) {
    const { keys } = keysWaitingForRow;
    keysWaitingForRow = null;
    for (const key of keys) toggleNumberedTag(key);
  }
}

/** Key `key` (1-9): the tag that tags.json gives that key, not the tag at that place in the list. */
function toggleNumberedTag(key: string): void {
  const row = selectedRow();
  const tag = file.tags.find((t) => t.key === key);
  if (!tag) return;
  if (!row) {
    if (table.selected < 0) return;
    if (keysWaitingForRow?.position !== table.selected) keysWaitingForRow = { position: table.selected, keys: [] };
    keysWaitingForRow.keys.push(key);
    return;
  }
  applyTag(tag.name, !row.tags.includes(tag.name));
}

/** The selected row has a clip: play or pause it in the detail pane (opened if closed). */
function hasClip(row: TableRow | undefined): boolean {
  return row !== undefined && file.columns.some((c) => mediaKindOf(row.cells[c.index] ?? '') === 'audio');
}

function playClip(): boolean {
  if (!hasClip(selectedRow())) return false;
  if (!detail.isOpen) toggleDetail();
  return detail.togglePlay();
}

function toggleDetail(): void {
  detail.toggle();
  persist();
  showDetail();
}

function showDetail(): void {
  const row = selectedRow();
  const labelColumn = file.columns.find((c) => c.role === 'label');
  const reviewContext = review.reviewing && row ? { candidates: candidatesOf(row), notes: review.classNotes, ambiguousClass: review.ambiguousClass } : undefined;
  // Without labelers the review card does not show: the label card numbers the choices instead.
  const candidates = reviewContext && !row?.review ? reviewContext.candidates : undefined;
  const labelContext = labelColumn ? { classes: review.classes, labelColumn, candidates, relabel: (key: string, label: string | null) => host.post({ type: 'review', keys: [key], label }) } : undefined;
  detail.show(row, file.columns, reviewContext, labelContext);
}

/** Review choices for a row: the suggested label, what the labelers said (most votes first), then the file's label and prediction. */
function candidatesOf(row: TableRow): string[] {
  const votes = new Map<string, number>();
  for (const l of row.review?.labels ?? []) votes.set(l.label, (votes.get(l.label) ?? 0) + 1);
  const out = row.labelIssue?.suggested ? [row.labelIssue.suggested] : [];
  for (const [label] of [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) if (!out.includes(label)) out.push(label);
  for (const c of file.columns) if ((c.role === 'label' || c.role === 'prediction') && row.cells[c.index] && !out.includes(row.cells[c.index])) out.push(row.cells[c.index]);
  return out.slice(0, 9);
}

/**
 * Review mode: the labeler disagreements, or the likely label errors by label quality (lowest
 * first), one by one; digits decide the label instead of toggling tags.
 */
function toggleReview(): void {
  if (!file.hasLabelers && !file.labelIssues) return;
  review.reviewing = !review.reviewing;
  reviewButton.toggleAttribute('secondary', !review.reviewing);
  reviewButton.setAttribute('aria-pressed', String(review.reviewing));
  if (review.reviewing) {
    if (!detail.isOpen) detail.toggle();
    review.queue = file.labelIssues && (filters.value.likelyError || !file.hasLabelers) ? 'likelyErrors' : 'disagreements';
    if (review.queue === 'likelyErrors') walkLikelyErrors();
    else if (!filters.value.disagree) filters.set({ ...filters.value, disagree: true });
  }
  showDetail();
  updateStatus(table.selected);
  table.focusTarget.focus();
}

/** The likely label errors not yet decided, lowest label quality first. */
function walkLikelyErrors(): void {
  const byQuality = layout.sort?.column === 'labelQuality' && !layout.sort.descending;
  if (!byQuality) {
    layout.sort = { column: 'labelQuality', descending: false };
    table.setSort(sortDisplay());
  }
  if (!filters.value.likelyError) filters.set({ ...filters.value, likelyError: true });
  else if (!byQuality) setSort(layout.sort, true);
}

function reviewKey(event: KeyboardEvent): boolean {
  const row = selectedRow();
  if (!row) return false;
  // A decided disagreement stays in the view: move on to the next row to decide (a decided likely
  // error leaves its queue, so the next one comes up by itself). Clearing a decision stays.
  const decide = (decision: { label?: string | null; ambiguous?: boolean }) => {
    host.post({ type: 'review', keys: [row.key], ...decision });
    if (review.queue === 'disagreements' && decision.label !== null && decision.ambiguous !== false) nextUndecided();
  };
  const labelColumn = file.columns.find((c) => c.role === 'label');
  if (/^[1-9]$/.test(event.key)) {
    const label = candidatesOf(row)[Number(event.key) - 1];
    if (label !== undefined) decide({ label });
  } else if (event.key === 's' && row.labelIssue?.suggested) decide({ label: row.labelIssue.suggested });
  else if (event.key === 'c' && labelColumn) decide({ label: fileLabelOf(row, labelColumn) });
  else if (event.key === 'a') decide({ ambiguous: !row.ambiguous });
  else if (event.key === 'x' && review.ambiguousClass) decide({ label: review.ambiguousClass });
  else if (event.key === 'Backspace' || event.key === 'Delete') decide({ label: null, ambiguous: false });
  else if (event.key === 'n') nextUndecided();
  else return false;
  return true;
}

function nextUndecided(): void {
  for (let p = table.selected + 1; p < view.count; p++) {
    const row = view.rows.get(p);
    if (!row || (row.fixedLabel === undefined && !row.ambiguous)) {
      table.select(p);
      return;
    }
  }
}

const keyActions: TableKeyActions = {
  hasOutcomes: () => file.hasOutcomes,
  hasLabelers: () => file.hasLabelers,
  hasLabelIssues: () => file.labelIssues !== null,
  reviewing: () => review.reviewing,
  pageSize: () => table.pageSize,
  move: (delta, extend) => {
    const target = delta === -Infinity ? 0 : delta === Infinity ? table.rowCount - 1 : Math.max(0, table.selected) + delta;
    table.select(target, true, extend ? 'extend' : 'only');
  },
  openPicker: (wholeView) => openPicker(wholeView),
  nextUntaggedError: () => host.post({ type: 'nextUntaggedError', version: view.version, from: table.selected }),
  clearSelection: () => table.selectionSize > 1 && (table.clearExtra(), true),
  toggleNumberedTag: (key) => toggleNumberedTag(key),
  toggleFilter: (name) => filters.toggle(name),
  toggleDetail: () => toggleDetail(),
  playClip: () => playClip(),
  focusSearch: () => filters.focusSearch(),
  toggleReview: () => toggleReview(),
  toggleThumbnails: () => toggleThumbnails(),
  reviewKey: (e) => reviewKey(e),
};

table.focusTarget.addEventListener('keydown', (event) => {
  if (picker.isOpen) return;
  if (handleTableKey(event, keyActions)) {
    // The page's own key: the workbench must not see it too (it would run a keybinding of the same key).
    event.preventDefault();
    event.stopPropagation();
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
  // A key for the workbench (a table command's, or none): remembered until its command comes back.
  keysInFlight.typed(event.key, performance.now());
  // Space is the detail pane's key (a command): never a scroll of the grid.
  if (event.key === ' ') event.preventDefault();
});

/**
 * A `loupe.table.*` command: from a key pressed in the grid, or from the palette (the page does not
 * have the focus then, and gives it to the grid). A key typed into a field or the tag picker that
 * reached the workbench before it knew the grid had lost the focus is not a command.
 */
function onTableCommand(name: Parameters<typeof runTableCommand>[0]): void {
  const typedAfter = keysInFlight.answered(name, performance.now());
  if (document.hasFocus() && (picker.isOpen || isField(document.activeElement))) return;
  if (name !== 'search' && name !== 'tag' && name !== 'tagView') table.focusTarget.focus();
  // Letters typed after `t` while its command made the round trip: the start of the tag's name,
  // put in the picker when it opens (at once, or when the cursor row arrives).
  pickerTypeAhead = name === 'tag' || name === 'tagView' ? typedAfter.join('') : '';
  if (pickerTypeAhead) keysInFlight.clear();
  runTableCommand(name, keyActions);
}

let pickerTypeAhead = '';

const keysInFlight = new KeysInFlight();

/**
 * The grid's keyboard focus, reported to the host, which sets the `loupe.tableFocus` context key
 * (the table keybindings' `when`) and answers `keys`: `#app[data-table-keys="on"]` from then on.
 */
const keysState = { seq: 0, reported: false };
function reportGridFocus(): void {
  queueMicrotask(() => {
    const focused = document.hasFocus() && document.activeElement === table.focusTarget && !picker.isOpen;
    if (focused === keysState.reported) return;
    keysState.reported = focused;
    keysState.seq++;
    if (!focused) app.dataset.tableKeys = 'off';
    host.post({ type: 'focus', focused, seq: keysState.seq });
  });
}
for (const type of ['focusin', 'focusout']) document.addEventListener(type, reportGridFocus);
for (const type of ['focus', 'blur']) window.addEventListener(type, reportGridFocus);

// ----- status -----
function showProgress(bytesRead: number, totalBytes: number, rows: number): void {
  progress.hidden = false;
  cancelButton.hidden = false;
  progressBar.max = 100;
  progressBar.value = totalBytes > 0 ? Math.round((bytesRead / totalBytes) * 100) : 0;
  progressText.textContent = `Reading… ${formatCount(rows)} rows (${Math.round((bytesRead / Math.max(1, totalBytes)) * 100)}%)`;
}

function showProblems(problems: TableProblem[], total: number): void {
  const severity = problems.some((p) => p.severity === 'error') ? 'error' : 'warning';
  const lines = problems.slice(0, 5).map((p) => `Line ${p.line}: ${p.message}`);
  if (total > lines.length) lines.push(`…and ${formatCount(total - lines.length)} more in the Problems panel.`);
  showBanner(banner, severity, lines);
}

function showBanner(target: HTMLElement, severity: 'error' | 'warning', lines: string[]): void {
  target.hidden = false;
  target.className = `banner ${severity}`;
  target.replaceChildren(el('span', { className: `codicon codicon-${severity}` }), el('div', { className: 'banner-lines' }, lines.map((l) => el('div', { text: l }))));
}

function updateCounts(): void {
  const parts = [`${formatCount(view.count)} of ${formatCount(view.total)} rows`];
  if (file.hasOutcomes) parts.push(`${formatCount(view.errors)} errors`, `tagged ${formatCount(view.taggedErrors)} of ${formatCount(view.errors)} errors`);
  counts.textContent = parts.join(' · ');
  const issues = file.labelIssues ? labelIssuesLine(file.labelIssues, view.openIssues) : file.labelIssuesWithheld ? WITHHELD_LINE : undefined;
  issuesLine.hidden = !issues;
  issuesLine.textContent = issues?.text ?? '';
  issuesLine.title = issues?.title ?? '';
}

function updateStatus(position: number): void {
  const row = view.rows.get(position);
  status.textContent = row
    ? `Row ${formatCount(position + 1)} of ${formatCount(view.count)} · line ${row.line}${row.tags.length ? ` · ${row.tags.join(', ')}` : ''} ${table.selectionSize > 1 ? ` · ${formatCount(table.selectionSize)} selected` : ''} — ${statusKeys({ ...file, hasClip: hasClip(row), hasPictures: shownImageColumns() > 0, hasLabelIssues: file.labelIssues !== null, reviewing: review.reviewing, queue: review.queue, ambiguousClass: review.ambiguousClass })}`
    : '';
}

function persist(): void {
  host.setState({ filter: filters.value, sort: layout.sort, selected: table.selected, hidden: [...layout.hidden], widths: layout.widths, detail: detail.isOpen, thumbnails: thumbnailsOn });
}

markState();
host.post({ type: 'ready' });
table.focusTarget.focus();
reportGridFocus();
