/** The selected example in full: every field (long text wrapped), its tags and note, and media paths to open. */
import type { MediaLocation, TableColumn, TableRow } from '../../src/protocol/labelTable';
import { mediaKindOf } from '../../src/core/media/mediaKind';
import { button, textArea } from '../shared/controls';
import { el } from '../shared/dom';
import { labelCard, type LabelCardContext } from './labelCard';
import { MediaPreview } from './mediaPreview';

const MEDIA = /\.(wav|mp3|flac|ogg|m4a|png|jpe?g|gif|webp|bmp|svg|mp4|webm|txt|json)$/i;

export interface DetailHooks {
  openPath(path: string): void;
  setNote(key: string, note: string): void;
  /** Where a media cell's file is (asks the host, which checks the path). */
  locateMedia(path: string): Promise<MediaLocation>;
}

/** Review mode: the choices offered for the shown row, numbered 1-9. */
export interface ReviewContext {
  candidates: string[];
  notes: Record<string, string>;
  ambiguousClass: string | null;
}

export class DetailPane {
  readonly element = el('aside', { className: 'detail', attrs: { 'aria-label': 'Selected example' } });
  private signature = '';
  private readonly media: MediaPreview;

  constructor(private readonly hooks: DetailHooks) {
    this.element.hidden = true;
    this.media = new MediaPreview((path) => hooks.locateMedia(path));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  toggle(): void {
    this.element.hidden = !this.element.hidden;
    if (this.element.hidden) {
      this.media.stop();
      this.signature = '';
    }
  }

  /** The play/pause key: the shown row's clip; false when it has none. */
  togglePlay(): boolean {
    return !this.element.hidden && this.media.togglePlay();
  }

  show(row: TableRow | undefined, columns: TableColumn[], review?: ReviewContext, label?: LabelCardContext): void {
    if (this.element.hidden) return;
    const signature = JSON.stringify([row, review, label?.classes, label?.candidates]);
    if (row && signature === this.signature) return;
    this.signature = signature;
    this.media.select(row?.key);

    if (!row) {
      this.element.replaceChildren(el('div', { className: 'detail-empty', text: 'Select a row to see it in full.' }));
      return;
    }
    const ordered = [...columns].sort((a, b) => rank(a) - rank(b));
    const fields = ordered.map((c) => {
      const value = row.cells[c.index] ?? '';
      const children: (Node | string)[] = [el('div', { className: `detail-value${c.role === 'input' ? ' input' : ''}`, text: value === '' ? '—' : value })];
      if (MEDIA.test(value.trim()) && !value.includes('\n')) {
        const open = button(`Open ${value.trim().split(/[\\/]/).pop()}`, { secondary: true, icon: 'link-external', title: `Open ${value} in VS Code` });
        open.addEventListener('click', () => this.hooks.openPath(value.trim()));
        children.push(open);
      }
      return el('div', { className: 'detail-field' }, [el('div', { className: 'detail-name', text: `${c.name} · ${c.role}` }), ...children]);
    });
    const note = textArea('A note about this example (saved with the tags)', 'Note');
    note.value = row.note;
    note.addEventListener('change', () => this.hooks.setNote(row.key, note.value));
    const status = row.error === true ? 'misclassified' : row.error === false ? 'correct' : 'no label or prediction';
    this.element.replaceChildren(
      el('div', { className: 'detail-title', text: `${row.key} · line ${row.line} · ${status}` }),
      ...this.mediaFields(row, ordered),
      ...(review && row.review ? [reviewCard(row, review)] : []),
      ...(label ? [labelCard(row, label)] : []),
      el('div', { className: 'detail-tags' }, row.tags.length ? row.tags.map((t) => el('span', { className: 'tag-chip', text: t })) : [el('span', { className: 'detail-muted', text: 'No tags (t to tag)' })]),
      note,
      ...fields,
    );
  }

  /** The row's pictures and clips first, under the title: what a reviewer looks at or listens to before anything else. */
  private mediaFields(row: TableRow, ordered: TableColumn[]): HTMLElement[] {
    return ordered.flatMap((c) => {
      const value = (row.cells[c.index] ?? '').trim();
      const kind = mediaKindOf(value);
      if (!kind) return [];
      return [el('div', { className: 'detail-field detail-media-field' }, [el('div', { className: 'detail-name', text: `${c.name} · ${kind === 'audio' ? 'clip' : 'picture'}` }), this.media.block(c.index, value, kind)])];
    });
  }
}

function rank(c: TableColumn): number {
  return ['input', 'label', 'prediction', 'score', 'labeler', 'tags', 'slice', 'id', 'other'].indexOf(c.role);
}

/** The labelers' answers side by side, the decision so far, and the keys that decide. */
function reviewCard(row: TableRow, review: ReviewContext): HTMLElement {
  const r = row.review!;
  const labels = el('div', { className: 'review-labels' }, r.labels.map((l) => el('span', { className: 'review-label', text: `${l.labeler}: ${l.label}` })));
  const consensus = r.tie ? 'labelers tie' : r.consensus ? `consensus ${r.consensus}${r.agreement !== null ? ` (${Math.round(r.agreement * 100)}%)` : ''}` : 'no labels';
  const decision = row.fixedLabel !== undefined ? `decided: ${row.fixedLabel}` : row.ambiguous ? 'marked ambiguous' : 'not decided yet';
  const choices = review.candidates.slice(0, 9).map((c, i) => {
    const note = Object.hasOwn(review.notes, c) ? review.notes[c] : undefined;
    return el('li', { className: row.fixedLabel === c ? 'chosen' : '' }, [el('kbd', { text: String(i + 1) }), el('span', { text: c }), ...(note ? [el('span', { className: 'detail-muted', text: ` — ${note}` })] : [])]);
  });
  const keys = ['a mark ambiguous', ...(review.ambiguousClass ? [`x label "${review.ambiguousClass}"`] : []), 'Backspace clear', 'n next undecided', 'r leave review'];
  return el('div', { className: 'review-card', attrs: { role: 'group', 'aria-label': 'Review' } }, [
    el('div', { className: 'detail-name', text: 'Review' }),
    labels,
    el('div', { text: `${consensus} · ${decision}` }),
    el('ol', { className: 'review-choices' }, choices),
    el('div', { className: 'detail-muted', text: keys.join(' · ') }),
  ]);
}
