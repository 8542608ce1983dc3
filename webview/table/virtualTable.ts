/**
 * A virtualized grid: only the rows in view exist in the DOM, recycled while scrolling.
 * Above ~8 million pixels the scrollbar is scaled, so ten million rows still scroll.
 */
import type { DerivedColumn, TableRow } from '../../src/protocol/labelTable';
import { el } from '../shared/dom';
import { formatProbability } from './labelIssuesUi';

export interface DisplayColumn {
  id: string;
  title: string;
  width: number;
  /** Index of the data column, a special column, or a column derived from the row (sortable). */
  source: number | 'status' | 'tags' | DerivedColumn;
  numeric?: boolean;
  tooltip?: string;
  /** Stays in view when the table scrolls right (the status and id columns, which come first). */
  frozen?: boolean;
}

export interface VirtualTableHooks {
  widthChanged(column: DisplayColumn, width: number): void;
  row(position: number): TableRow | undefined;
  needRows(start: number, end: number): void;
  selectionChanged(position: number): void;
  sortRequested(column: DisplayColumn): void;
  activate(position: number): void;
  /** Paints a data cell some other way than as text (a picture beside an image path); false: as text. */
  paintData?(cell: HTMLElement, column: number, text: string): boolean;
  /** Forgets what `paintData` put in a cell that is painted as text again. */
  clearData?(cell: HTMLElement): void;
}

const MAX_SCROLL_PX = 8_000_000;

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly header: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly layer: HTMLElement;
  private readonly rowElements: HTMLElement[] = [];
  private columns: DisplayColumn[] = [];
  private count = 0;
  /** The focused row (cursor). */
  selected = -1;
  /** Other rows selected with Shift or Ctrl: ranges [start, end] of view positions, inclusive. */
  private extra: [number, number][] = [];
  private anchor = -1;
  private sortKey: { id: string; descending: boolean } | undefined;

  constructor(
    private readonly hooks: VirtualTableHooks,
    private height = 24,
  ) {
    this.header = el('div', { className: 'grid-header', attrs: { role: 'row' } });
    this.spacer = el('div', { className: 'grid-spacer' });
    this.layer = el('div', { className: 'grid-layer', attrs: { role: 'rowgroup' } });
    this.spacer.append(this.layer);
    this.viewport = el('div', { className: 'grid-viewport', attrs: { tabindex: '0', role: 'grid', 'aria-label': 'Label table' } }, [this.spacer]);
    this.element = el('div', { className: 'grid' }, [this.header, this.viewport]);
    this.viewport.addEventListener('scroll', () => this.render());
    this.viewport.addEventListener('scroll', () => (this.header.scrollLeft = this.viewport.scrollLeft));
    // Clicking a half-hidden header cell scrolls the header on its own: keep it aligned with the rows.
    this.header.addEventListener('scroll', () => (this.header.scrollLeft = this.viewport.scrollLeft));
    new ResizeObserver(() => this.render()).observe(this.viewport);
    this.viewport.addEventListener('click', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('.grid-row');
      if (!row?.dataset.position) return;
      const mode = event.shiftKey ? 'extend' : event.ctrlKey || event.metaKey ? 'toggle' : 'only';
      this.select(Number(row.dataset.position), false, mode);
    });
    this.viewport.addEventListener('dblclick', (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>('.grid-row');
      if (row?.dataset.position) this.hooks.activate(Number(row.dataset.position));
    });
  }

  get rowHeight(): number {
    return this.height;
  }

  /** Taller rows (pictures in them) or back: the first row on screen stays first, and the cursor row in view if it was. */
  setRowHeight(height: number): void {
    if (height === this.height) return;
    const keep = this.selected >= 0 && this.isInView(this.selected) ? this.selected : -1;
    const firstRow = (this.viewport.scrollTop * this.scale) / this.height;
    this.height = height;
    this.element.style.setProperty('--row-height', `${height}px`);
    this.spacer.style.height = `${Math.min(this.count * this.rowHeight, MAX_SCROLL_PX)}px`;
    this.viewport.scrollTop = Math.round((firstRow * height) / this.scale);
    if (keep >= 0) this.reveal(keep);
    this.render();
  }

  get focusTarget(): HTMLElement {
    return this.viewport;
  }

  get rowCount(): number {
    return this.count;
  }

  setColumns(columns: DisplayColumn[]): void {
    this.columns = columns;
    this.applyWidths();
    this.header.replaceChildren(
      ...columns.map((c) => {
        const cell = el('div', { className: `grid-header-cell${c.numeric ? ' numeric' : ''}`, text: c.title, title: c.tooltip ?? c.title, attrs: { role: 'columnheader', 'data-column': c.id } });
        this.freeze(cell, c);
        if (this.sortKey?.id === c.id) {
          cell.classList.add('sorted');
          cell.append(el('span', { className: `codicon codicon-arrow-${this.sortKey.descending ? 'down' : 'up'}` }));
          cell.setAttribute('aria-sort', this.sortKey.descending ? 'descending' : 'ascending');
        }
        if (isSortable(c)) cell.addEventListener('click', (event) => !(event.target as HTMLElement).classList.contains('resize-handle') && this.hooks.sortRequested(c));
        if (c.source !== 'status') cell.append(this.resizeHandle(c));
        return cell;
      }),
    );
    for (const row of this.rowElements) row.remove();
    this.rowElements.length = 0;
    this.render();
  }

  /** A drag handle on the header cell's right edge. */
  private resizeHandle(column: DisplayColumn): HTMLElement {
    const handle = el('span', { className: 'resize-handle', title: 'Drag to resize', attrs: { 'aria-hidden': 'true' } });
    handle.addEventListener('pointerdown', (down) => {
      down.preventDefault();
      down.stopPropagation();
      handle.setPointerCapture(down.pointerId);
      const startX = down.clientX;
      const startWidth = column.width;
      const move = (event: PointerEvent) => {
        column.width = Math.max(40, Math.round(startWidth + event.clientX - startX));
        this.applyWidths();
      };
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
        this.hooks.widthChanged(column, column.width);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
    });
    return handle;
  }

  /** A frozen column sticks at the summed width of the frozen columns before it; the last one has an edge. */
  private freeze(cell: HTMLElement, column: DisplayColumn): void {
    if (!column.frozen) return;
    const index = this.columns.indexOf(column);
    const left = this.columns.slice(0, index).reduce((n, c) => n + (c.frozen ? c.width : 0), 0);
    cell.classList.add('frozen');
    cell.classList.toggle('frozen-edge', !this.columns[index + 1]?.frozen);
    cell.style.left = `${left}px`;
  }

  private applyWidths(): void {
    this.element.style.setProperty('--grid-columns', this.columns.map((c) => `${c.width}px`).join(' '));
    this.element.style.setProperty('--grid-width', `${this.columns.reduce((n, c) => n + c.width, 0)}px`);
  }

  setSort(sort: { id: string; descending: boolean } | undefined): void {
    this.sortKey = sort;
    this.setColumns(this.columns);
  }

  setCount(count: number): void {
    this.count = count;
    if (this.selected >= count) this.selected = count - 1;
    this.spacer.style.height = `${Math.min(count * this.rowHeight, MAX_SCROLL_PX)}px`;
    this.render();
  }

  /** Re-paints the rows in view (after new data arrived). */
  refresh(): void {
    this.render();
  }

  select(position: number, reveal = true, mode: 'only' | 'extend' | 'toggle' = 'only'): void {
    if (this.count === 0) return;
    const target = Math.max(0, Math.min(this.count - 1, position));
    if (mode === 'extend') {
      if (this.anchor < 0) this.anchor = Math.max(0, this.selected);
      this.extra = [[Math.min(this.anchor, target), Math.max(this.anchor, target)]];
    } else if (mode === 'toggle') {
      if (this.isSelected(target) && this.selectionSize > 1) this.extra = subtract(this.withCursor(), target);
      else this.extra = [...this.withCursor(), [target, target]];
      this.anchor = target;
    } else {
      this.extra = [];
      this.anchor = target;
    }
    this.selected = target;
    if (reveal) this.reveal(this.selected);
    this.render();
    this.hooks.selectionChanged(this.selected);
  }

  /** Selected view positions as inclusive ranges (at least the cursor row). */
  get selection(): [number, number][] {
    return merge(this.withCursor());
  }

  get selectionSize(): number {
    return this.selection.reduce((n, [a, b]) => n + b - a + 1, 0);
  }

  private withCursor(): [number, number][] {
    return this.selected < 0 ? [...this.extra] : [...this.extra, [this.selected, this.selected]];
  }

  isSelected(position: number): boolean {
    return position === this.selected || this.extra.some(([a, b]) => position >= a && position <= b);
  }

  clearExtra(): void {
    this.extra = [];
    this.anchor = this.selected;
    this.render();
  }

  /** Whether a row is (at least partly) on screen. */
  isInView(position: number): boolean {
    const virtualTop = this.viewport.scrollTop * this.scale;
    const top = position * this.rowHeight;
    return position >= 0 && top + this.rowHeight > virtualTop && top < virtualTop + this.viewport.clientHeight;
  }

  /** Back to the first rows (a new sort order). */
  scrollToTop(): void {
    this.viewport.scrollTop = 0;
    this.render();
  }

  /** Rows that fit in the viewport. */
  get pageSize(): number {
    return Math.max(1, Math.floor(this.viewport.clientHeight / this.rowHeight) - 1);
  }

  /** Virtual pixels per scrolled pixel: 1 until the rows are taller than the browser allows. */
  private get scale(): number {
    const total = this.count * this.rowHeight;
    const viewport = this.viewport.clientHeight;
    const maxScroll = this.viewport.scrollHeight - viewport;
    if (total <= MAX_SCROLL_PX || maxScroll <= 0) return 1;
    return Math.max(1, (total - viewport) / maxScroll);
  }

  private reveal(position: number): void {
    const scale = this.scale;
    const virtualTop = this.viewport.scrollTop * scale;
    const top = position * this.rowHeight;
    const bottom = top + this.rowHeight;
    const height = this.viewport.clientHeight;
    if (top < virtualTop) this.viewport.scrollTop = Math.floor(top / scale);
    else if (bottom > virtualTop + height) this.viewport.scrollTop = Math.ceil((bottom - height) / scale);
  }

  private render(): void {
    const height = this.viewport.clientHeight;
    const virtualTop = this.viewport.scrollTop * this.scale;
    const first = Math.floor(virtualTop / this.rowHeight);
    const offset = virtualTop - first * this.rowHeight;
    const visible = Math.min(this.count - first, Math.ceil((height + offset) / this.rowHeight) + 1);
    this.layer.style.transform = `translateY(${this.viewport.scrollTop - offset}px)`;
    while (this.rowElements.length < Math.max(0, visible)) this.rowElements.push(this.makeRow());
    this.rowElements.forEach((rowElement, i) => {
      if (i >= visible) {
        rowElement.hidden = true;
        return;
      }
      rowElement.hidden = false;
      this.paintRow(rowElement, first + i);
    });
    if (visible > 0) this.hooks.needRows(first, first + visible);
  }

  private makeRow(): HTMLElement {
    const row = el('div', { className: 'grid-row', attrs: { role: 'row' } });
    this.columns.forEach((c) => {
      const cell = el('div', { className: `grid-cell cell-${c.id}${c.numeric ? ' numeric' : ''}`, attrs: { role: 'gridcell' } });
      this.freeze(cell, c);
      row.append(cell);
    });
    this.layer.append(row);
    return row;
  }

  private paintRow(rowElement: HTMLElement, position: number): void {
    const data = this.hooks.row(position);
    rowElement.dataset.position = String(position);
    rowElement.classList.toggle('selected', position === this.selected);
    rowElement.classList.toggle('in-selection', position !== this.selected && this.isSelected(position));
    rowElement.classList.toggle('error', data?.error === true);
    rowElement.classList.toggle('loading', !data);
    rowElement.setAttribute('aria-selected', String(this.isSelected(position)));
    rowElement.setAttribute('aria-rowindex', String(position + 2));
    const cells = rowElement.children;
    this.columns.forEach((column, i) => {
      const cell = cells[i] as HTMLElement;
      if (!data) {
        this.hooks.clearData?.(cell);
        cell.textContent = '';
        cell.classList.remove('likely-error');
        delete cell.dataset.icon;
        delete cell.dataset.signature;
        return;
      }
      if (column.source === 'status') {
        paintStatus(cell, data);
      } else if (column.source === 'tags') {
        paintTags(cell, data);
      } else if (typeof column.source === 'string') {
        paintDerived(cell, data, column.source);
      } else {
        const text = data.cells[column.source] ?? '';
        if (this.hooks.paintData?.(cell, column.source, text)) return;
        this.hooks.clearData?.(cell);
        // Long text on one line; the detail pane shows all of it.
        cell.textContent = text.length > 500 ? `${text.slice(0, 500)}…` : text.replaceAll('\n', ' ⏎ ');
        cell.title = text.length > 80 ? text.slice(0, 2000) : '';
      }
    });
  }
}

function paintStatus(cell: HTMLElement, row: TableRow): void {
  const icon = row.error === true ? 'error' : row.error === false ? 'pass' : 'circle-small';
  const label = row.error === true ? 'misclassified' : row.error === false ? 'correct' : 'no label or prediction';
  if (cell.dataset.icon !== icon) {
    cell.replaceChildren(el('span', { className: `codicon codicon-${icon}`, attrs: { 'aria-label': label } }));
    cell.dataset.icon = icon;
  }
  cell.title = `${label} · line ${row.line}`;
}

/** A column of the file or a derived one: clicking its header sorts by it. */
export function isSortable(column: DisplayColumn): boolean {
  return column.source !== 'status' && column.source !== 'tags';
}

function paintDerived(cell: HTMLElement, row: TableRow, column: DerivedColumn): void {
  const issue = row.labelIssue;
  if (column === 'labelQuality') {
    cell.textContent = issue ? formatProbability(issue.selfConfidence) : '';
    cell.title = issue ? `p(${issue.given}) = ${issue.selfConfidence}${issue.issue ? ' · likely label error' : ''}` : 'No label or probabilities';
  } else {
    cell.textContent = issue?.suggested ?? '';
    cell.title = issue?.suggested ? `Likely true label: ${issue.suggested} (given: ${issue.given})` : '';
  }
  cell.classList.toggle('likely-error', issue?.issue === true);
}

function paintTags(cell: HTMLElement, row: TableRow): void {
  const signature = JSON.stringify([row.tags, row.note, row.fixedLabel, row.ambiguous]);
  if (cell.dataset.signature === signature) return;
  cell.dataset.signature = signature;
  const chips: HTMLElement[] = [];
  if (row.fixedLabel !== undefined) chips.push(el('span', { className: 'fix-chip', text: `→ ${row.fixedLabel}`, title: `Label fixed in review: ${row.fixedLabel}` }));
  if (row.ambiguous) chips.push(el('span', { className: 'fix-chip', text: 'ambiguous', title: 'Marked ambiguous in review' }));
  chips.push(...row.tags.map((t) => el('span', { className: 'tag-chip', text: t })));
  if (row.note) chips.push(el('span', { className: 'codicon codicon-note', title: row.note }));
  cell.replaceChildren(...chips);
}

/** Sorted, non-overlapping ranges. */
function merge(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Ranges without one position. */
function subtract(ranges: [number, number][], position: number): [number, number][] {
  return merge(ranges).flatMap(([a, b]): [number, number][] => {
    if (position < a || position > b) return [[a, b]];
    const parts: [number, number][] = [];
    if (a < position) parts.push([a, position - 1]);
    if (position < b) parts.push([position + 1, b]);
    return parts;
  });
}
