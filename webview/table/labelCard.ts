/**
 * The detail pane's label card: the given label and, when the file has per-class
 * probabilities, what confident learning says about it (label quality, the suggested label,
 * the most probable classes); controls to relabel the row or confirm its label. A decision is
 * a label fix in the sidecar (undoable, applied by "Apply Label Fixes").
 */
import type { TableColumn, TableRow } from '../../src/protocol/labelTable';
import { button, select } from '../shared/controls';
import { el } from '../shared/dom';
import { formatProbability } from './labelIssuesUi';

export interface LabelCardContext {
  /** The classes a row can be given (the label column's and the labelers' values). */
  classes: string[];
  labelColumn: TableColumn;
  /** Relabel (a label fix) or clear the decision (null). */
  relabel(key: string, label: string | null): void;
  /** In review, when no labeler card shows them: the labels keys 1-9 choose. */
  candidates?: string[];
}

/** The label in the file's own spelling: confirming it is a label fix that changes no cell. */
export function fileLabelOf(row: TableRow, labelColumn: TableColumn): string {
  return row.cells[labelColumn.index] ?? '';
}

export function labelCard(row: TableRow, context: LabelCardContext): HTMLElement {
  const given = fileLabelOf(row, context.labelColumn);
  const issue = row.labelIssue;
  const children: HTMLElement[] = [el('div', { className: 'detail-name', text: issue?.issue ? 'Likely label error' : 'Label' })];
  const facts = [`given: ${given === '' ? '—' : given}`];
  if (issue) facts.push(`label quality ${formatProbability(issue.selfConfidence)}`);
  if (issue?.suggested) facts.push(`suggested: ${issue.suggested}`);
  children.push(el('div', { className: 'label-facts', text: facts.join(' · ') }));
  if (issue) {
    children.push(
      el('div', { className: 'label-top', attrs: { 'aria-label': 'Most probable classes' } }, issue.top.map((t) => el('span', { className: 'label-prob', text: `${t.label} ${formatProbability(t.p)}` }))),
    );
  }
  children.push(el('div', { className: 'label-decision', text: decisionText(row, given) }));
  if (context.candidates?.length) {
    const choices = context.candidates.map((c, i) => el('li', { className: row.fixedLabel === c ? 'chosen' : '' }, [el('kbd', { text: String(i + 1) }), el('span', { text: c })]));
    children.push(el('ol', { className: 'review-choices' }, choices));
  }
  children.push(controls(row, given, context));
  if (issue) children.push(el('div', { className: 'detail-muted', text: 'From the model\'s probabilities, which must be out-of-sample (cross-validated or held out).' }));
  return el('div', { className: `label-card${issue?.issue ? ' issue' : ''}`, attrs: { role: 'group', 'aria-label': 'Label' } }, children);
}

function decisionText(row: TableRow, given: string): string {
  if (row.fixedLabel === undefined) return row.ambiguous ? 'marked ambiguous' : 'not decided yet';
  return row.fixedLabel === given ? 'label confirmed as right' : `relabeled: ${row.fixedLabel}`;
}

function controls(row: TableRow, given: string, context: LabelCardContext): HTMLElement {
  const buttons: HTMLElement[] = [];
  const suggested = row.labelIssue?.suggested;
  if (suggested) buttons.push(action(`Relabel ${suggested}`, 'Set the label to the suggested one (s in review)', () => context.relabel(row.key, suggested), 'relabel-suggested'));
  buttons.push(action('Label is right', 'Keep the given label: the row leaves the likely-errors queue (c in review)', () => context.relabel(row.key, given), 'label-right', true));
  const classes = context.classes.includes(given) || given === '' ? context.classes : [...context.classes, given];
  const choice = select(classes.map((c) => ({ value: c, label: c })), row.fixedLabel ?? suggested ?? given, 'New label');
  choice.classList.add('relabel-choice');
  const set = action('Set label', 'Give the row the chosen label (a label fix)', () => context.relabel(row.key, choice.value), 'relabel-set', true);
  const out = [...buttons, choice, set];
  if (row.fixedLabel !== undefined) out.push(action('Clear', 'Forget the decision (Backspace in review)', () => context.relabel(row.key, null), 'relabel-clear', true));
  return el('div', { className: 'label-controls' }, out);
}

function action(label: string, title: string, run: () => void, className: string, secondary = false): HTMLElement {
  const b = button(label, { secondary, title });
  b.classList.add(className);
  b.addEventListener('click', run);
  return b;
}
