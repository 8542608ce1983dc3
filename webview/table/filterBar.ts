/**
 * The filters of the table, combined with AND: search in the input, misclassified, labelers
 * disagree, tags, column values (slice = x, label = a and prediction = b) and a score range.
 */
import type { TableColumn, TableFilter } from '../../src/protocol/labelTable';
import { button, checkbox, select, textField, type Checkbox, type Select } from '../shared/controls';
import { searchedColumns } from '../../src/core/dataset/searchColumns';
import { el } from '../shared/dom';
import { ComparisonFilter, describeComparison } from './comparisonFilter';

export interface FilterContext {
  columns: TableColumn[];
  /** The setting loupe.table.searchColumns: the columns searched, by name (empty: every text column). */
  searchColumns: string[];
  categories: Record<number, string[]>;
  tags: string[];
  hasOutcomes: boolean;
  hasLabelers: boolean;
  /** Per-class probability columns exist: the "Likely label error" filter applies. */
  hasLabelIssues: boolean;
}

export class FilterBar {
  readonly element: HTMLElement;
  readonly chips: HTMLElement;
  private readonly search = textField('Search…', 'Search the text columns');
  readonly misclassified: Checkbox = checkbox('Misclassified', 'Only rows where the label differs from the prediction (m)');
  readonly disagree: Checkbox = checkbox('Labelers disagree', 'Only rows whose labelers gave different labels (d)');
  readonly likelyError: Checkbox = checkbox(
    'Likely label error',
    'Only rows whose label the model\'s out-of-sample probabilities say is probably wrong (confident learning), not yet relabeled or confirmed (l)',
  );
  private tagSelect: Select = select([], '', 'Tags');
  private readonly tagSlot = el('span', { className: 'tag-filter' });
  private readonly agreementSelect: Select = select(
    [
      { value: '', label: 'Any agreement' },
      { value: 'tie', label: 'Labelers tie' },
      { value: '1', label: 'Agreement < 100%' },
      { value: '0.8', label: 'Agreement < 80%' },
      { value: '0.67', label: 'Agreement < 67%' },
      { value: '0.5', label: 'Agreement < 50%' },
      { value: 'custom', label: 'Agreement below…' },
    ],
    '',
    'Filter by labeler agreement (share of labelers giving the most common label)',
  );
  private readonly dataCheckSelect: Select = select(
    [
      { value: '', label: 'All inputs' },
      { value: 'duplicate', label: 'Duplicate inputs' },
      { value: 'conflicting', label: 'Conflicting labels' },
      { value: 'leaked', label: 'Leaked across splits' },
    ],
    '',
    'Data checks: rows whose input repeats another row\'s, repeats it with another label, or repeats it in another split',
  );
  private readonly comparison = new ComparisonFilter((comparison) => this.update({ comparison }));
  /** The share for "Agreement below…", in percent. */
  private readonly agreementField = textField('%', 'Agreement below this percentage (0-100)');
  private readonly addButton = button('Filter', { secondary: true, icon: 'filter', title: 'Filter by a column value or a score range' });
  private readonly popover = el('div', { className: 'popover filter-popover', attrs: { role: 'dialog', 'aria-label': 'Add a filter' } });
  private context: FilterContext = { columns: [], searchColumns: [], categories: {}, tags: [], hasOutcomes: false, hasLabelers: false, hasLabelIssues: false };
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private filter: TableFilter,
    private readonly onChange: (filter: TableFilter) => void,
  ) {
    this.search.classList.add('search');
    this.search.value = filter.search ?? '';
    this.misclassified.checked = filter.misclassified ?? false;
    this.disagree.checked = filter.disagree ?? false;
    this.likelyError.checked = filter.likelyError ?? false;
    this.likelyError.classList.add('likely-error-filter');
    this.likelyError.hidden = true;
    this.chips = el('div', { className: 'filter-chips' });
    this.popover.hidden = true;
    this.agreementSelect.classList.add('agreement-filter');
    this.agreementField.classList.add('agreement-percent');
    this.agreementField.setAttribute('type', 'number');
    this.agreementField.setAttribute('min', '0');
    this.agreementField.setAttribute('max', '100');
    this.showAgreement(filter);
    this.agreementSelect.addEventListener('change', () => {
      const v = this.agreementSelect.value;
      this.agreementField.hidden = v !== 'custom';
      if (v === 'custom') {
        this.agreementField.focus();
        if (this.agreementField.value) this.applyAgreementField();
        return;
      }
      this.update({ tie: v === 'tie' || undefined, agreementBelow: v && v !== 'tie' ? Number(v) : undefined });
    });
    this.agreementField.addEventListener('change', () => this.applyAgreementField());
    this.dataCheckSelect.classList.add('data-check-filter');
    this.dataCheckSelect.value = filter.dataCheck ?? '';
    this.dataCheckSelect.addEventListener('change', () => {
      const v = this.dataCheckSelect.value;
      this.update({ dataCheck: v === 'duplicate' || v === 'conflicting' || v === 'leaked' ? v : undefined });
    });
    // Enter applies the share; what else is typed stays in the field (webview/shared/fieldKeys.ts), and Ctrl+S, F1… reach the workbench.
    this.agreementField.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key !== 'Enter') return;
      event.stopPropagation();
      this.applyAgreementField();
    });
    this.element = el('div', { className: 'filter-bar' }, [this.search, this.misclassified, this.disagree, this.likelyError, this.agreementSelect, this.agreementField, this.tagSlot, this.dataCheckSelect, this.comparison.element, this.addButton, this.popover]);
    this.search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.update({ search: this.search.value.trim() || undefined }), 300);
    });
    this.misclassified.addEventListener('change', () => this.update({ misclassified: this.misclassified.checked || undefined }));
    this.disagree.addEventListener('change', () => this.update({ disagree: this.disagree.checked || undefined }));
    this.likelyError.addEventListener('change', () => this.update({ likelyError: this.likelyError.checked || undefined }));
    this.addButton.addEventListener('click', () => this.togglePopover());
    this.renderChips();
  }

  /** The agreement choice of a filter: a preset share, or "Agreement below…" with its percentage shown. */
  private showAgreement(filter: TableFilter): void {
    const below = filter.agreementBelow;
    const preset = ['1', '0.8', '0.67', '0.5'].includes(String(below));
    this.agreementSelect.value = filter.tie ? 'tie' : below === undefined ? '' : preset ? String(below) : 'custom';
    this.agreementField.hidden = this.agreementSelect.value !== 'custom';
    if (below !== undefined && !preset) this.agreementField.value = String(Math.round(below * 1000) / 10);
  }

  private applyAgreementField(): void {
    const percent = Number(this.agreementField.value);
    if (this.agreementField.value.trim() === '' || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
      this.agreementField.setAttribute('invalid', '');
      return;
    }
    this.agreementField.removeAttribute('invalid');
    this.update({ tie: undefined, agreementBelow: percent / 100 });
  }

  get value(): TableFilter {
    return this.filter;
  }

  setContext(context: FilterContext): void {
    this.context = context;
    const searched = searchedColumns(context.columns, context.searchColumns).map((c) => c.name);
    this.search.setAttribute('placeholder', `Search ${searched.length > 3 ? `${searched.slice(0, 3).join(', ')}…` : searched.join(', ')}`);
    this.search.setAttribute('aria-label', `Search the text columns: ${searched.join(', ')} (/)`);
    this.misclassified.hidden = !context.hasOutcomes;
    this.disagree.hidden = !context.hasLabelers;
    this.likelyError.hidden = !context.hasLabelIssues;
    this.agreementSelect.hidden = !context.hasLabelers;
    if (!context.hasLabelers) this.agreementField.hidden = true;
    this.dataCheckSelect.hidden = !context.columns.some((c) => c.role === 'input');
    this.comparison.setColumns(context.hasOutcomes ? context.columns : [], this.filter.comparison);
    this.renderTagSelect();
    this.renderChips();
  }

  /** Replaces the whole filter (e.g. from a click in another view). */
  set(filter: TableFilter): void {
    this.filter = filter;
    this.search.value = filter.search ?? '';
    this.misclassified.checked = filter.misclassified ?? false;
    this.disagree.checked = filter.disagree ?? false;
    this.likelyError.checked = filter.likelyError ?? false;
    this.dataCheckSelect.value = filter.dataCheck ?? '';
    this.comparison.show(filter.comparison);
    this.showAgreement(filter);
    this.renderTagSelect();
    this.renderChips();
    this.onChange(this.filter);
  }

  toggle(name: 'misclassified' | 'disagree' | 'likelyError'): void {
    const box = name === 'misclassified' ? this.misclassified : name === 'disagree' ? this.disagree : this.likelyError;
    if (box.hidden) return;
    box.checked = !box.checked;
    this.update({ [name]: box.checked || undefined });
  }

  focusSearch(): void {
    this.search.focus();
  }

  private update(patch: Partial<TableFilter>): void {
    this.filter = clean({ ...this.filter, ...patch });
    this.renderChips();
    this.onChange(this.filter);
  }

  private renderTagSelect(): void {
    const current = this.filter.tag !== undefined ? `tag:${this.filter.tag}` : (this.filter.tagged ?? '');
    const options = [
      { value: '', label: 'All rows' },
      { value: 'any', label: 'Tagged' },
      { value: 'none', label: 'Untagged' },
      ...this.context.tags.map((t) => ({ value: `tag:${t}`, label: `Tag: ${t}` })),
    ];
    this.tagSelect = select(options, current, 'Filter by tag');
    this.tagSelect.addEventListener('change', () => {
      const v = this.tagSelect.value;
      this.update(v.startsWith('tag:') ? { tag: v.slice(4), tagged: undefined } : { tag: undefined, tagged: v === 'any' || v === 'none' ? v : undefined });
    });
    this.tagSlot.replaceChildren(this.tagSelect);
  }

  private renderChips(): void {
    const chips: HTMLElement[] = [];
    for (const f of this.filter.columns ?? []) {
      const name = this.context.columns[f.column]?.name ?? `column ${f.column + 1}`;
      chips.push(this.chip(`${name} = ${f.values.map((v) => v || '(empty)').join(' or ')}`, () => this.update({ columns: (this.filter.columns ?? []).filter((c) => c !== f) })));
    }
    if (this.filter.pair) {
      const [a, b] = this.filter.pair;
      chips.push(this.chip(`labelers split ${a} / ${b}`, () => this.update({ pair: undefined })));
    }
    if (this.filter.comparison) {
      const comparison = this.filter.comparison;
      chips.push(
        this.chip(describeComparison(comparison, this.context.columns), () => {
          this.comparison.show(undefined);
          this.update({ comparison: undefined });
        }),
      );
    }
    if (this.filter.reviewed) chips.push(this.chip('reviewed', () => this.update({ reviewed: undefined })));
    if (this.filter.score) {
      const { min, max } = this.filter.score;
      const name = this.context.columns.find((c) => c.role === 'score')?.name ?? 'score';
      chips.push(this.chip(`${min ?? '−∞'} ≤ ${name} ≤ ${max ?? '∞'}`, () => this.update({ score: undefined })));
    }
    this.chips.replaceChildren(...chips);
    this.chips.hidden = chips.length === 0;
  }

  private chip(text: string, remove: () => void): HTMLElement {
    const close = el('span', { className: 'codicon codicon-close', title: 'Remove this filter', attrs: { role: 'button', tabindex: '0', 'aria-label': `Remove filter ${text}` } });
    close.addEventListener('click', remove);
    close.addEventListener('keydown', (e) => e.key === 'Enter' && remove());
    return el('span', { className: 'filter-chip' }, [el('span', { text }), close]);
  }

  private togglePopover(): void {
    if (!this.popover.hidden) {
      this.popover.hidden = true;
      return;
    }
    const columns = this.context.columns.filter((c) => this.context.categories[c.index] || c.role === 'score');
    if (columns.length === 0) return;
    const columnSelect = select(columns.map((c) => ({ value: String(c.index), label: `${c.name} (${c.role})` })), String(columns[0].index), 'Column');
    const valueSlot = el('div', { className: 'popover-values' });
    const apply = button('Add');
    const cancel = button('Cancel', { secondary: true });
    let read: () => Partial<TableFilter> | undefined = () => undefined;
    const renderValues = () => {
      const column = this.context.columns[Number(columnSelect.value)];
      if (column.role === 'score' && !this.context.categories[column.index]) {
        const min = textField('min', 'Minimum score');
        const max = textField('max', 'Maximum score');
        valueSlot.replaceChildren(min, el('span', { text: 'to' }), max);
        read = () => {
          const lo = min.value.trim() === '' ? undefined : Number(min.value);
          const hi = max.value.trim() === '' ? undefined : Number(max.value);
          if ((lo !== undefined && Number.isNaN(lo)) || (hi !== undefined && Number.isNaN(hi))) return undefined;
          return { score: { min: lo, max: hi } };
        };
      } else {
        const values = this.context.categories[column.index] ?? [];
        const valueSelect = select(values.map((v) => ({ value: v, label: v || '(empty)' })), values[0] ?? '', 'Value');
        valueSlot.replaceChildren(valueSelect);
        read = () => ({ columns: [...(this.filter.columns ?? []).filter((c) => c.column !== column.index), { column: column.index, values: [valueSelect.value] }] });
      }
    };
    columnSelect.addEventListener('change', renderValues);
    renderValues();
    apply.addEventListener('click', () => {
      const patch = read();
      if (!patch) return;
      this.popover.hidden = true;
      this.update(patch);
    });
    cancel.addEventListener('click', () => (this.popover.hidden = true));
    this.popover.replaceChildren(el('div', { className: 'popover-row' }, [columnSelect, valueSlot]), el('div', { className: 'popover-actions' }, [apply, cancel]));
    this.popover.hidden = false;
  }
}

function clean(filter: TableFilter): TableFilter {
  const out: TableFilter = {};
  for (const [k, v] of Object.entries(filter) as [keyof TableFilter, unknown][]) {
    if (v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
