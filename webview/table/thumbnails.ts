/**
 * Pictures in the table's rows: a cell whose text is an image path shows the picture beside the
 * path while thumbnails are on. Only the rows on screen ask where their files are, once the
 * scrolling settles (a fast scroll through a million rows asks nothing on the way), and the
 * answers are kept (`MediaLocations`), so scrolling back shows them at once.
 */
import type { MediaLocation, TableColumn, TableRow } from '../../src/protocol/labelTable';
import { mediaKindOf } from '../../src/core/media/mediaKind';
import { el } from '../shared/dom';

/** Row height with thumbnails on: a 64 px picture and its margins. */
export const THUMBNAIL_ROW_HEIGHT = 72;

export interface ThumbnailSource {
  /** The host's answer for `path` when it is already known. */
  known(path: string): MediaLocation | undefined;
  locate(path: string): Promise<MediaLocation>;
}

export class Thumbnails {
  /** Data columns with at least one image path among the rows seen so far. */
  readonly imageColumns = new Set<number>();
  /** The file was read again: the next rows decide anew which columns hold pictures. */
  private recheck = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly source: ThumbnailSource,
    /** The grid: its rows on screen are the ones whose pictures are asked for. */
    private readonly grid: HTMLElement,
    /** Paints the rows on screen again (answers arrived). */
    private readonly repaint: () => void,
    private readonly settleMs = 120,
  ) {}

  /** Looks for image paths in arriving rows; true when the columns with pictures changed. */
  observe(rows: readonly TableRow[], columns: readonly TableColumn[]): boolean {
    const before = [...this.imageColumns].join();
    if (this.recheck) {
      this.recheck = false;
      this.imageColumns.clear();
    }
    for (const c of columns) {
      if (!this.imageColumns.has(c.index) && rows.some((r) => mediaKindOf(r.cells[c.index] ?? '') === 'image')) this.imageColumns.add(c.index);
    }
    return [...this.imageColumns].join() !== before;
  }

  /**
   * The file was read again (changed on disk, other settings): its columns may hold other things
   * now. The rows keep their look until the first rows of the new read say, so a reload of the
   * same pictures does not flicker.
   */
  reset(): void {
    this.recheck = true;
  }

  /**
   * Paints `text` (a cell of data column `column`) with its picture when it is an image path;
   * false for any other cell, which the table paints as text.
   */
  paint(cell: HTMLElement, column: number, text: string): boolean {
    if (!this.imageColumns.has(column) || mediaKindOf(text) !== 'image') return false;
    const location = this.source.known(text);
    const state = location?.state ?? 'pending';
    const signature = `${state}|${text}`;
    if (cell.dataset.thumb === signature) return true;
    cell.dataset.thumb = signature;
    cell.classList.add('thumb-cell');
    cell.title = location && location.state !== 'ready' ? location.message : text;
    const label = el('span', { className: 'thumb-path', text });
    if (!location) {
      this.settle();
      cell.replaceChildren(el('span', { className: 'cell-thumb placeholder', attrs: { 'aria-hidden': 'true' } }), label);
    } else if (location.state === 'ready') {
      const img = el('img', { className: 'cell-thumb', attrs: { alt: '', decoding: 'async', draggable: 'false' } });
      img.src = location.uri;
      cell.replaceChildren(img, label);
    } else {
      cell.replaceChildren(el('span', { className: `cell-thumb unavailable codicon codicon-${location.state === 'missing' ? 'warning' : 'lock'}`, attrs: { 'aria-label': location.state === 'missing' ? 'missing file' : 'outside the workspace' } }), label);
    }
    return true;
  }

  /** A cell painted as text again (thumbnails off, or a recycled cell): forgets its picture. */
  static clear(cell: HTMLElement): void {
    if (cell.dataset.thumb === undefined) return;
    delete cell.dataset.thumb;
    cell.classList.remove('thumb-cell');
  }

  /** Pictures are asked for once the rows on screen stay for a moment. */
  private settle(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.askForPending(), this.settleMs);
  }

  private askForPending(): void {
    this.timer = undefined;
    const paths = new Set<string>();
    for (const cell of this.grid.querySelectorAll<HTMLElement>('.grid-row:not([hidden]) .thumb-cell')) {
      const signature = cell.dataset.thumb ?? '';
      if (signature.startsWith('pending|')) paths.add(signature.slice('pending|'.length));
    }
    if (paths.size > 0) void Promise.all([...paths].map((p) => this.source.locate(p))).then(() => this.repaint());
  }
}
