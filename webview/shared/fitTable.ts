/**
 * Keeps a data table within its panel: below the width the table needs, its least important
 * columns fold away one by one (the header cells marked `data-fold="1"`, then "2"…), a note says
 * which, and each row's tooltip keeps their values, so no number is lost and nothing scrolls sideways.
 */
import { el } from './dom';

export interface FittedTable {
  /** The wrapper to put in the page: the note, then the table. */
  readonly box: HTMLElement;
  /** Call after the table's rows were replaced. */
  refit(): void;
}

export function fittedTable(table: HTMLTableElement): FittedTable {
  const note = el('p', { className: 'fold-note hint', attrs: { role: 'status' } });
  note.hidden = true;
  const box = el('div', { className: 'table-fit' }, [note, table]);
  let lastWidth = -1;
  const refit = () => {
    lastWidth = box.clientWidth;
    fold(table, note, box);
  };
  // A new panel width, or a table that grew past it (fonts and inputs settle after the first layout).
  const observer = new ResizeObserver(() => (box.clientWidth !== lastWidth || table.offsetWidth > box.clientWidth + 1) && refit());
  observer.observe(box);
  observer.observe(table);
  return { box, refit };
}

function fold(table: HTMLTableElement, note: HTMLElement, box: HTMLElement): void {
  const heads = [...(table.tHead?.rows[0]?.cells ?? [])];
  const order = heads
    .map((th, index) => ({ index, rank: Number(th.dataset.fold ?? 'NaN'), name: th.dataset.name ?? th.textContent ?? '' }))
    .filter((c) => Number.isFinite(c.rank))
    .sort((a, b) => a.rank - b.rank);
  const folded: typeof order = [];
  showColumns(table, new Set());
  // Fold while the table is wider than the room it has (1 px for sub-pixel rounding).
  while (table.offsetWidth > box.clientWidth + 1 && folded.length < order.length) {
    folded.push(order[folded.length]);
    showColumns(table, new Set(folded.map((c) => c.index)));
  }
  table.dataset.folded = String(folded.length);
  note.hidden = folded.length === 0;
  note.textContent = folded.length === 0 ? '' : `${folded.length} ${folded.length === 1 ? 'column' : 'columns'} folded (${folded.map((c) => c.name).join(', ')}): widen the panel, or hover a row to read them.`;
  for (const row of table.tBodies[0]?.rows ?? []) row.title = folded.map((c) => `${c.name}: ${cellText(row.cells[c.index])}`).join(' · ');
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
