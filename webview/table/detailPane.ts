/** The selected example in full: every field (long text wrapped), its tags and note, and media paths to open. */
import type { TableColumn, TableRow } from '../../src/protocol/labelTable';
import { button, textArea } from '../shared/controls';
import { el } from '../shared/dom';

const MEDIA = /\.(wav|mp3|flac|ogg|m4a|png|jpe?g|gif|webp|bmp|svg|mp4|webm|txt|json)$/i;

export interface DetailHooks {
  openPath(path: string): void;
  setNote(key: string, note: string): void;
}

export class DetailPane {
  readonly element = el('aside', { className: 'detail', attrs: { 'aria-label': 'Selected example' } });
  private shown: TableRow | undefined;

  constructor(private readonly hooks: DetailHooks) {
    this.element.hidden = true;
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  toggle(): void {
    this.element.hidden = !this.element.hidden;
  }

  show(row: TableRow | undefined, columns: TableColumn[]): void {
    if (this.element.hidden) return;
    if (row && this.shown && row.key === this.shown.key && JSON.stringify(row) === JSON.stringify(this.shown)) return;
    this.shown = row;
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
      el('div', { className: 'detail-tags' }, row.tags.length ? row.tags.map((t) => el('span', { className: 'tag-chip', text: t })) : [el('span', { className: 'detail-muted', text: 'No tags (t to tag)' })]),
      note,
      ...fields,
    );
  }
}

function rank(c: TableColumn): number {
  return ['input', 'label', 'prediction', 'score', 'labeler', 'tags', 'slice', 'id', 'other'].indexOf(c.role);
}
