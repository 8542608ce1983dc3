/**
 * The tag picker (`t`): type to filter the project's tags or to name a new one; Enter
 * applies the highlighted tag (or creates the typed one), Escape closes.
 */
import { custom, el } from '../shared/dom';

export interface TagChoice {
  name: string;
  count: number;
  /** The key 1-9 that toggles it in the table, if any. */
  key: string | null;
  applied: boolean;
  /** Loupe's tags (tags.json, the sidecar), the file's tags column, or both. */
  source?: 'loupe' | 'file' | 'both';
}

const SOURCE_TEXT = { loupe: '', file: 'CSV tags column', both: 'Loupe + CSV tags column' };
const SOURCE_TITLE = {
  loupe: 'A Loupe tag (tags.json and the annotation sidecar)',
  file: "From the CSV's own tags column; tagging a row with it makes it a Loupe tag too (the CSV is never written)",
  both: "A Loupe tag that the CSV's own tags column also has",
};

export class TagPicker {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement & { value: string };
  private readonly list: HTMLElement;
  private tags: TagChoice[] = [];
  private matches: { name: string; create: boolean; applied: boolean }[] = [];
  private active = 0;
  private onPick: ((tag: string, applied: boolean) => void) | undefined;
  private onClose: (() => void) | undefined;

  constructor() {
    this.input = custom('vscode-textfield', { placeholder: 'Tag this row: type to filter or create', 'aria-label': 'Tag name' }) as HTMLInputElement;
    this.input.classList.add('tag-picker-input');
    this.list = el('div', { className: 'tag-picker-list', attrs: { role: 'listbox' } });
    this.element = el('div', { className: 'tag-picker', attrs: { role: 'dialog', 'aria-label': 'Tag picker' } }, [
      this.input,
      this.list,
      el('div', { className: 'tag-picker-hint', text: 'Enter apply · ↑↓ choose · Esc close' }),
    ]);
    this.element.hidden = true;
    this.input.addEventListener('input', () => {
      this.active = 0;
      this.renderList();
    });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(tags: TagChoice[], onPick: (tag: string, applied: boolean) => void, onClose: () => void, title = 'Tag this row'): void {
    this.tags = tags;
    this.input.setAttribute('placeholder', `${title}: type to filter or create`);
    this.onPick = onPick;
    this.onClose = onClose;
    this.input.value = '';
    this.active = 0;
    this.element.hidden = false;
    this.renderList();
    // Focus now, so that keys typed right after `t` are not lost; again after layout, in case.
    this.input.focus();
    requestAnimationFrame(() => {
      if (this.isOpen && !this.element.contains(document.activeElement)) this.input.focus();
    });
  }

  /** Text typed before the picker opened: put in its field, as if typed there. */
  typeAhead(text: string): void {
    if (!this.isOpen) return;
    this.input.value += text;
    this.active = 0;
    this.renderList();
  }

  close(): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.onClose?.();
  }

  /** Escape, the arrows and Enter are the picker's; letters stay in its field (webview/shared/fieldKeys.ts); Ctrl+S, F1… reach the workbench. */
  private onKey(event: KeyboardEvent): void {
    if (!['Escape', 'ArrowDown', 'ArrowUp', 'Enter'].includes(event.key)) return;
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const n = this.matches.length;
      if (n > 0) this.active = (this.active + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.renderList();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const choice = this.matches[this.active];
      if (choice) this.pick(choice.name, choice.applied);
    }
  }

  private pick(name: string, applied: boolean): void {
    const onPick = this.onPick;
    this.close();
    onPick?.(name, applied);
  }

  private renderList(): void {
    const typed = this.input.value.trim();
    const needle = typed.toLowerCase();
    this.matches = this.tags.filter((t) => t.name.toLowerCase().includes(needle)).map((t) => ({ name: t.name, create: false, applied: t.applied }));
    if (typed && !this.tags.some((t) => t.name.toLowerCase() === needle)) this.matches.push({ name: typed, create: true, applied: false });
    this.list.replaceChildren(
      ...this.matches.map((m, i) => {
        const tag = this.tags.find((t) => t.name === m.name);
        const key = tag?.key ?? null;
        const source = m.create ? 'loupe' : (tag?.source ?? 'loupe');
        const item = el('div', { className: `tag-picker-item${i === this.active ? ' active' : ''}`, title: m.create ? 'A new Loupe tag' : SOURCE_TITLE[source], attrs: { role: 'option', 'aria-selected': String(i === this.active) } }, [
          el('span', { className: `codicon codicon-${m.create ? 'add' : m.applied ? 'check' : 'tag'}` }),
          el('span', { className: 'tag-picker-name', text: m.create ? `Create "${m.name}"` : m.name }),
          el('span', { className: 'tag-picker-source', text: SOURCE_TEXT[source] }),
          el('span', { className: 'tag-picker-meta', text: m.applied ? 'remove' : '' }),
          el('kbd', { className: 'tag-picker-key', text: key ?? '', attrs: key ? { title: `Key ${key} toggles "${m.name}" on the row` } : {} }),
        ]);
        item.addEventListener('mousedown', (event) => {
          event.preventDefault();
          this.pick(m.name, m.applied);
        });
        return item;
      }),
    );
    if (this.matches.length === 0) this.list.append(el('div', { className: 'tag-picker-empty', text: 'Type a name to create a tag' }));
  }
}
