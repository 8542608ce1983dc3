/**
 * Pictures in the table's rows: a cell whose text is an image path shows the picture beside the
 * path while thumbnails are on. Only the rows on screen ask where their files are, once the
 * scrolling settles (a fast scroll through a million rows asks nothing on the way), and the
 * answers are kept (`MediaLocations`), so scrolling back shows them at once.
 */
import { MAX_PATH_CHARS, type MediaLocation, type TableColumn, type TableRow } from '../../src/protocol/labelTable';
import { mediaKindOf } from '../../src/core/media/mediaKind';
import { el } from '../shared/dom';

/** Row height with thumbnails on: a 64 px picture and its margins. */
export const THUMBNAIL_ROW_HEIGHT = 72;

export interface ThumbnailSource {
  /** The host's answer for `path` when it gave one (`fresh`: since the file was last read). */
  known(path: string): { location: MediaLocation; fresh: boolean } | undefined;
  locate(path: string): Promise<MediaLocation>;
}

export class Thumbnails {
  /** Data columns whose non-empty cells seen so far are mostly image paths. */
  readonly imageColumns = new Set<number>();
  /** Per column: non-empty cells seen, and how many of them were image paths. */
  private seen = new Map<number, { cells: number; images: number }>();
  /** The file was read again: the next rows decide anew which columns hold pictures. */
  private recheck = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly source: ThumbnailSource,
    /** The grid: its rows on screen are the ones whose pictures are asked for. */
    private readonly grid: HTMLElement,
    /** Paints the rows on screen again (an answer arrived). */
    private readonly repaint: () => void,
    private readonly settleMs = 120,
  ) {}

  /**
   * Counts image paths in arriving rows; true when the columns with pictures changed. A column
   * holds pictures when at least half of its non-empty cells are image paths: a comment that
   * mentions "ref.png" does not make a column of pictures.
   */
  observe(rows: readonly TableRow[], columns: readonly TableColumn[]): boolean {
    const before = [...this.imageColumns].sort().join();
    if (this.recheck) {
      this.recheck = false;
      this.seen = new Map();
    }
    for (const c of columns) {
      const count = this.seen.get(c.index) ?? { cells: 0, images: 0 };
      for (const r of rows) {
        const text = r.cells[c.index] ?? '';
        if (text.trim() === '') continue;
        count.cells++;
        if (mediaKindOf(text) === 'image') count.images++;
      }
      this.seen.set(c.index, count);
    }
    this.imageColumns.clear();
    for (const [index, { cells, images }] of this.seen) if (images > 0 && images * 2 >= cells) this.imageColumns.add(index);
    return [...this.imageColumns].sort().join() !== before;
  }

  /**
   * The file was read again (changed on disk, other settings): its columns may hold other things
   * now, and its files may have moved. The rows keep their look until the first rows of the new
   * read say, and the pictures on screen are asked for again, so a reload does not flicker.
   */
  reset(): void {
    this.recheck = true;
    this.settle();
  }

  /**
   * Paints `text` (a cell of data column `column`) with its picture when it is an image path;
   * false for any other cell, which the table paints as text.
   */
  paint(cell: HTMLElement, column: number, text: string): boolean {
    if (!this.imageColumns.has(column) || text.length > MAX_PATH_CHARS || mediaKindOf(text) !== 'image') return false;
    const known = this.source.known(text);
    // No answer yet, or one from before the file was read again: asked for once the rows settle.
    if (!known?.fresh) this.settle();
    cell.dataset.fresh = String(known?.fresh ?? false);
    const location = known?.location;
    const signature = `${location?.state ?? 'pending'}|${text}`;
    if (cell.dataset.thumb === signature) return true;
    cell.dataset.thumb = signature;
    cell.classList.add('thumb-cell');
    cell.title = location && location.state !== 'ready' ? location.message : text;
    cell.replaceChildren(picture(cell, location, text, signature), el('span', { className: 'thumb-path', text }));
    return true;
  }

  /** A cell painted as text again (thumbnails off, or a recycled cell): forgets its picture. */
  static clear(cell: HTMLElement): void {
    if (cell.dataset.thumb === undefined) return;
    delete cell.dataset.thumb;
    delete cell.dataset.fresh;
    cell.classList.remove('thumb-cell');
  }

  /** Pictures are asked for once the rows on screen stay for a moment. */
  private settle(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.askForRowsOnScreen(), this.settleMs);
  }

  /** Asks for the pictures on screen that have no answer, or one from before the file was read again. */
  private askForRowsOnScreen(): void {
    this.timer = undefined;
    const paths = new Set<string>();
    for (const cell of this.grid.querySelectorAll<HTMLElement>('.grid-row:not([hidden]) .thumb-cell[data-fresh="false"]')) {
      const signature = cell.dataset.thumb ?? '';
      paths.add(signature.slice(signature.indexOf('|') + 1));
    }
    for (const path of paths) void this.source.locate(path).then(() => this.repaint());
  }
}

/** The picture, a placeholder while its answer is on its way, or a sign of why it cannot show. */
function picture(cell: HTMLElement, location: MediaLocation | undefined, text: string, signature: string): HTMLElement {
  if (!location) return el('span', { className: 'cell-thumb placeholder', attrs: { 'aria-hidden': 'true' } });
  if (location.state !== 'ready') return location.state === 'missing' ? unavailable('warning', 'missing file') : unavailable('lock', 'outside the workspace');
  const img = el('img', { className: 'cell-thumb', attrs: { alt: '', decoding: 'async', draggable: 'false' } });
  img.addEventListener(
    'error',
    () => {
      if (cell.dataset.thumb !== signature) return;
      cell.title = `${text} could not be shown as a picture`;
      img.replaceWith(unavailable('warning', 'picture that could not be shown'));
    },
    { once: true },
  );
  img.src = location.uri;
  return img;
}

function unavailable(icon: 'warning' | 'lock', label: string): HTMLElement {
  return el('span', { className: `cell-thumb unavailable codicon codicon-${icon}`, attrs: { 'aria-label': label } });
}
