/**
 * Columns: show or hide each one, and change its role (saved in .loupe/config.json, which
 * reloads the file); the delimiter can be overridden here too.
 */
import type { DelimiterChoice, TableColumn } from '../../src/protocol/labelTable';
import { button, checkbox, select } from '../shared/controls';
import { el } from '../shared/dom';

const ROLES = ['id', 'input', 'label', 'prediction', 'score', 'probability', 'labeler', 'tags', 'slice', 'other'] as const;
type Role = (typeof ROLES)[number];
const DELIMITERS: { value: DelimiterChoice; label: string }[] = [
  { value: ',', label: 'Comma (,)' },
  { value: '\t', label: 'Tab' },
  { value: ';', label: 'Semicolon (;)' },
  { value: '|', label: 'Pipe (|)' },
];

/** What a column with the tags role is, next to Loupe's own "Loupe tags" column. */
export const FILE_TAGS_NOTE = "The CSV's own tags column: each row's Loupe tags start from it (split at ; or |). Tagging in Loupe writes .loupe/annotations, never the CSV.";

export interface ColumnsMenuHooks {
  hiddenChanged(hidden: Set<number>): void;
  roleChanged(column: TableColumn, role: Role): void;
  delimiterChanged(delimiter: DelimiterChoice): void;
  resetWidths(): void;
}

export class ColumnsMenu {
  readonly button = button('Columns', { secondary: true, icon: 'list-flat', title: 'Show, hide and set the role of columns' });
  readonly element = el('div', { className: 'popover columns-popover', attrs: { role: 'dialog', 'aria-label': 'Columns' } });

  constructor(
    private readonly hooks: ColumnsMenuHooks,
    private hidden: Set<number>,
  ) {
    this.element.hidden = true;
    this.button.addEventListener('click', () => (this.element.hidden ? this.open() : this.close()));
    // Escape or a click anywhere else closes the menu, as any menu does.
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || this.element.hidden) return;
      event.preventDefault();
      event.stopPropagation();
      this.close();
      this.button.focus();
    }, true);
    document.addEventListener('pointerdown', (event) => {
      const path = event.composedPath();
      if (!this.element.hidden && !path.includes(this.element) && !path.includes(this.button)) this.close();
    }, true);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(): void {
    this.element.hidden = false;
  }

  close(): void {
    this.element.hidden = true;
  }

  render(columns: TableColumn[], delimiter: string): void {
    const rows = columns.map((c) => {
      const visible = checkbox(c.name, `Show "${c.name}"`);
      visible.checked = !this.hidden.has(c.index);
      visible.addEventListener('change', () => {
        if (visible.checked) this.hidden.delete(c.index);
        else this.hidden.add(c.index);
        this.hooks.hiddenChanged(new Set(this.hidden));
      });
      const role = select(ROLES.map((r) => ({ value: r, label: r })), c.role, `Role of ${c.name}`);
      role.addEventListener('change', () => this.hooks.roleChanged(c, role.value as Role));
      const row = el('div', { className: 'columns-row' }, [visible, role]);
      // The file's own tags column is not Loupe's tags: say what Loupe does with it.
      if (c.role !== 'tags') return row;
      return el('div', { className: 'columns-entry' }, [row, el('div', { className: 'popover-hint columns-note', text: FILE_TAGS_NOTE })]);
    });
    const delimiterSelect = select(DELIMITERS, delimiter, 'Delimiter');
    delimiterSelect.addEventListener('change', () => {
      const chosen = DELIMITERS.find((d) => d.value === delimiterSelect.value);
      if (chosen) this.hooks.delimiterChanged(chosen.value);
    });
    const reset = button('Reset widths', { secondary: true });
    reset.addEventListener('click', () => this.hooks.resetWidths());
    this.element.replaceChildren(
      el('div', { className: 'popover-title', text: 'Columns and roles' }),
      el('div', { className: 'columns-list' }, rows),
      el('div', { className: 'columns-row' }, [el('span', { text: 'Delimiter' }), delimiterSelect]),
      el('div', { className: 'popover-hint', text: 'Roles and the delimiter are saved in .loupe/config.json; changing them reloads the file.' }),
      el('div', { className: 'popover-hint', text: 'A "probability" column holds P(class) for the class its name gives (p_<class>, <class>_prob): one per class, for likely label errors.' }),
      el('div', { className: 'popover-actions' }, [reset]),
    );
  }
}
