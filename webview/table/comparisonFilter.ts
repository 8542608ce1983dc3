/**
 * The table's "fixed by B", "broken by B" and "changed prediction" filters: A is the prediction
 * column, B another column that can hold a model's predictions. Shown only when the file has a
 * prediction column and another candidate; the worker finds the rows (DOMAIN.md §8).
 */
import type { TableColumn, TableFilter } from '../../src/protocol/labelTable';
import { COMPARISON_KINDS, type ComparisonKind } from '../../src/core/modelComparison/rowOutcomes';
import { predictionCandidates } from '../../src/core/modelComparison/predictionCandidates';
import { select, type Select } from '../shared/controls';
import { el } from '../shared/dom';

const KIND_LABELS: Readonly<Record<ComparisonKind, string>> = {
  fixed: 'Fixed by B',
  broken: 'Broken by B',
  changed: 'Changed prediction',
  bothWrong: 'Both wrong',
  bothRight: 'Both right',
};

const CHIP_LABELS: Readonly<Record<ComparisonKind, string>> = {
  fixed: 'fixed by B',
  broken: 'broken by B',
  changed: 'changed prediction',
  bothWrong: 'both wrong',
  bothRight: 'both right',
};

/** How a comparison filter reads in a chip: `fixed by B: A "prediction" vs B "prediction_v2"` (and the label class, from a per-class click). */
export function describeComparison(filter: NonNullable<TableFilter['comparison']>, columns: readonly TableColumn[]): string {
  const a = columns.find((c) => c.role === 'prediction')?.name ?? 'prediction';
  const b = columns[filter.b]?.name ?? `column ${filter.b + 1}`;
  return `${CHIP_LABELS[filter.kind]}: A "${a}" vs B "${b}"${filter.labelClass !== undefined ? `, label ${filter.labelClass}` : ''}`;
}

/** The columns that can be B: every prediction candidate but the prediction column itself. */
export function comparisonCandidates(columns: readonly TableColumn[]): TableColumn[] {
  if (!columns.some((c) => c.role === 'prediction')) return [];
  return predictionCandidates(columns).filter((c) => c.role !== 'prediction');
}

export class ComparisonFilter {
  readonly element: HTMLElement;
  private readonly kindSelect: Select;
  private bSelect: Select = select([], '', 'Predictions B');
  private readonly bSlot = el('span', { className: 'comparison-b' });
  private candidates: TableColumn[] = [];

  constructor(private readonly onChange: (comparison: TableFilter['comparison']) => void) {
    const options = [{ value: '', label: 'A vs B: all rows' }, ...COMPARISON_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))];
    this.kindSelect = select(options, '', 'Compare two predictions: rows where B (another prediction column) fixed, broke or changed the prediction column\'s (A) answer');
    this.kindSelect.classList.add('comparison-filter');
    this.kindSelect.addEventListener('change', () => this.changed());
    this.element = el('span', { className: 'comparison-filters' }, [this.kindSelect, this.bSlot]);
    this.element.hidden = true;
  }

  /** The file's columns: B's choices; hidden when there is nothing to compare. */
  setColumns(columns: readonly TableColumn[], comparison: TableFilter['comparison']): void {
    this.candidates = comparisonCandidates(columns);
    this.element.hidden = this.candidates.length === 0;
    this.show(comparison);
  }

  /** Shows a filter set elsewhere (another view, saved state). */
  show(comparison: TableFilter['comparison']): void {
    this.kindSelect.value = comparison?.kind ?? '';
    const b = comparison?.b ?? this.candidates[0]?.index;
    const choices = this.candidates.map((c) => ({ value: String(c.index), label: `B: ${c.name}` }));
    if (comparison && !this.candidates.some((c) => c.index === comparison.b)) choices.push({ value: String(comparison.b), label: `B: column ${comparison.b + 1}` });
    this.bSelect = select(choices, b === undefined ? '' : String(b), 'Predictions B: the column compared with the prediction column (A)');
    this.bSelect.classList.add('comparison-b-column');
    this.bSelect.addEventListener('change', () => this.changed());
    this.bSlot.replaceChildren(this.bSelect);
    this.bSlot.hidden = choices.length < 2;
  }

  private changed(): void {
    const kind = COMPARISON_KINDS.find((k) => k === this.kindSelect.value);
    const b = Number(this.bSelect.value);
    this.onChange(kind && this.bSelect.value !== '' && Number.isInteger(b) ? { b, kind } : undefined);
  }
}
