/**
 * Keeps a data table within its panel: below the width the table needs, its least important
 * columns fold away one by one (the header cells marked `data-fold="1"`, then "2"…), a note says
 * which, and each row's tooltip keeps their values, so no number is lost and nothing scrolls sideways.
 * The note's button shows every column instead (the table then scrolls in its own box, which the
 * keyboard can scroll), for one who reads without a mouse.
 */
import { el } from './dom';

export interface FittedTable {
  /** The wrapper to put in the page: the note, then the table. */
  readonly box: HTMLElement;
  /** Call after the table's rows were replaced. */
  refit(): void;
  /** The table left the page for good (a view that renders its tables anew): stops watching its size. */
  dispose(): void;
}

export interface FitOptions {
  /** Every column shown from the start (the reader chose it before the view rendered anew). */
  showAll?: boolean;
  /** The reader chose to show every column, or to fold them again. */
  showAllChanged?(showAll: boolean): void;
}

export function fittedTable(table: HTMLTableElement, options: FitOptions = {}): FittedTable {
  const text = el('span', { className: 'fold-text', attrs: { role: 'status' } });
  const toggle = el('button', { className: 'fold-toggle link-button', attrs: { type: 'button' } });
  const note = el('p', { className: 'fold-note hint' }, [text, ' ', toggle]);
  note.hidden = true;
  const box = el('div', { className: 'table-fit' }, [note, table]);
  let lastWidth = -1;
  let showAll = options.showAll ?? false;
  const refit = () => {
    lastWidth = box.clientWidth;
    fold(table, { note, text, toggle }, box, showAll);
  };
  toggle.addEventListener('click', () => {
    showAll = !showAll;
    options.showAllChanged?.(showAll);
    refit();
    toggle.focus();
  });
  // A new panel width, or a table that grew past it (fonts and inputs settle after the first layout).
  const observer = new ResizeObserver(() => (box.clientWidth !== lastWidth || table.offsetWidth > box.clientWidth + 1) && refit());
  observer.observe(box);
  observer.observe(table);
  return { box, refit, dispose: () => observer.disconnect() };
}

interface Note {
  note: HTMLElement;
  text: HTMLElement;
  toggle: HTMLElement;
}

interface Folding {
  /** The columns that fold to fit, in folding order. */
  folded: { index: number; name: string }[];
  /** Columns would fold, but the reader asked to see them all. */
  showingAll: boolean;
}

function fold(table: HTMLTableElement, note: Note, box: HTMLElement, showAll: boolean): void {
  const fit = foldToFit(table, box);
  const state: Folding = showAll && fit.length > 0 ? { folded: [], showingAll: true } : { folded: fit, showingAll: false };
  if (state.showingAll) showColumns(table, new Set());
  table.dataset.folded = String(state.folded.length);
  box.classList.toggle('show-all', state.showingAll);
  // The box scrolls sideways only when every column is shown: then the keyboard can scroll it.
  if (state.showingAll) box.tabIndex = 0;
  else box.removeAttribute('tabindex');
  describe(note, state);
  for (const row of table.tBodies[0]?.rows ?? []) row.title = state.folded.map((c) => `${c.name}: ${cellText(row.cells[c.index])}`).join(' · ');
}

/** Folds the columns with a `data-fold` rank, lowest first, while the table is wider than its box (1 px for sub-pixel rounding). */
function foldToFit(table: HTMLTableElement, box: HTMLElement): Folding['folded'] {
  const heads = [...(table.tHead?.rows[0]?.cells ?? [])];
  const order = heads
    .map((th, index) => ({ index, rank: Number(th.dataset.fold ?? 'NaN'), name: th.dataset.name ?? th.textContent ?? '' }))
    .filter((c) => Number.isFinite(c.rank))
    .sort((a, b) => a.rank - b.rank);
  const folded: typeof order = [];
  showColumns(table, new Set());
  while (table.offsetWidth > box.clientWidth + 1 && folded.length < order.length) {
    folded.push(order[folded.length]);
    showColumns(table, new Set(folded.map((c) => c.index)));
  }
  return folded;
}

function describe({ note, text, toggle }: Note, { folded, showingAll }: Folding): void {
  note.hidden = folded.length === 0 && !showingAll;
  const count = `${folded.length} ${folded.length === 1 ? 'column' : 'columns'}`;
  text.textContent = showingAll ? 'Every column is shown: the table scrolls sideways.' : folded.length ? `${count} folded (${folded.map((c) => c.name).join(', ')}): widen the panel, hover a row, or` : '';
  toggle.textContent = showingAll ? 'Fold columns to fit' : 'show every column';
}

function showColumns(table: HTMLTableElement, hidden: Set<number>): void {
  for (const row of table.rows) {
    for (let i = 0; i < row.cells.length; i++) row.cells[i].classList.toggle('folded', hidden.has(i));
  }
}

/** What a cell shows: an input's value, else its text. */
function cellText(cell: HTMLTableCellElement | undefined): string {
  if (!cell) return '';
  const input = cell.querySelector<HTMLElement & { value?: string }>('vscode-textfield, input');
  const text = input ? (input.value ?? '') : (cell.textContent ?? '');
  return text.trim().replace(/\s+/g, ' ') || '—';
}
