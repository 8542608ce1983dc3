/**
 * Label consistency commands as flows over a `Ui` and the open file (no VS Code): export the
 * relabel queue, export a tagged copy, apply the decided label fixes to a new file or, once
 * confirmed, to the file itself.
 */
import * as path from 'node:path';
import type { LabelFixEffect } from '../../core/annotations/labelFixEffect';
import type { TableFilter } from '../../protocol/labelTable';
import type { Ui } from '../vscode/ui';
import { agree, counted } from '../../core/plural';

/** What the flows need of an open label file. */
export interface LabelFixDocument {
  /** Absolute path of the label file. */
  readonly file: string;
  /** Decided labels: [id, label]. */
  labelFixes(): [string, string][];
  /** Ids the user marked ambiguous. */
  ambiguousKeys(): string[];
  /** Ids with a decided label. */
  decidedKeys(): Set<string>;
  notes(): [string, string][];
  keysMatching(filter: TableFilter): Promise<string[]>;
  exportRows(keys: string[], file: string): Promise<number>;
  exportTaggedCopy(notes: [string, string][], file: string): Promise<number>;
  applyLabelFixes(fixes: [string, string][], file: string): Promise<{ changed: number; missing: string[] }>;
  /** Which decided labels would change a cell of the file. */
  labelFixEffect(fixes: [string, string][]): Promise<LabelFixEffect>;
  /** Gives a new file written from this one its tags, notes and ambiguity marks (never over its own). */
  carryAnnotations(file: string): Promise<'carried' | 'kept' | 'nothing'>;
}

/** The file's name without its .csv or .tsv extension, for naming the files written next to it. */
function baseName(document: LabelFixDocument): string {
  return path.basename(document.file).replace(/\.(csv|tsv)$/i, '');
}

function beside(document: LabelFixDocument, suffix: string): string {
  return path.join(path.dirname(document.file), `${baseName(document)}${suffix}`);
}

/** Undecided disagreements and examples marked ambiguous, written to a CSV the user names. */
export async function exportRelabelQueue(document: LabelFixDocument, ui: Ui): Promise<void> {
  const decided = document.decidedKeys();
  const disagreements = (await document.keysMatching({ disagree: true })).filter((k) => !decided.has(k));
  const keys = [...new Set([...disagreements, ...document.ambiguousKeys()])];
  if (keys.length === 0) {
    ui.info('Loupe: nothing to relabel: no undecided disagreement and no example marked ambiguous.');
    return;
  }
  const target = await ui.saveFile({ defaultPath: beside(document, '-relabel-queue.csv'), filters: { CSV: ['csv'] }, title: 'Export the relabel queue' });
  if (!target || refusedLabelFile(document, target, 'relabel queue', ui)) return;
  const written = await document.exportRows(keys, target);
  ui.info(`Loupe: ${counted(written, 'example')} to relabel written to ${ui.displayPath(target)}.`);
}

/** A copy of the file with one true/false column per tag and the notes, for spreadsheets. */
export async function exportTaggedCopy(document: LabelFixDocument, ui: Ui): Promise<void> {
  const target = await ui.saveFile({ defaultPath: beside(document, '-tagged.csv'), filters: { CSV: ['csv'] }, title: 'Export a tagged copy for spreadsheets' });
  if (!target || refusedLabelFile(document, target, 'tagged copy', ui)) return;
  const rows = await ui.withProgress('Loupe: exporting a tagged copy…', () => document.exportTaggedCopy(document.notes(), target));
  ui.info(`Loupe: ${rows.toLocaleString('en-US')} rows with one true/false column per tag written to ${ui.displayPath(target)} (formula-like cells escaped).`);
}

/** An export never replaces the label file it was made from. */
function refusedLabelFile(document: LabelFixDocument, target: string, what: string, ui: Ui): boolean {
  if (path.resolve(target) !== path.resolve(document.file)) return false;
  ui.error(`Loupe: the ${what} cannot replace the label file itself (${path.basename(document.file)}). Export again and choose another name.`);
  return true;
}

const NEW_FILE = 'new';
const SAME_FILE = 'same';

/** Writes the decided labels: to a new file, or over the file itself once confirmed. */
export async function applyLabelFixes(document: LabelFixDocument, ui: Ui): Promise<void> {
  const decided = document.labelFixes();
  if (decided.length === 0) {
    ui.info('Loupe: there are no label fixes yet. Review disagreements or likely label errors in the table (r), or relabel a row from its detail pane.');
    return;
  }
  const { changing, unchanged, missing } = await document.labelFixEffect(decided);
  const notes = [
    unchanged ? ` ${counted(unchanged, 'decided label')} already ${agree(unchanged, 'matches', 'match')} the file.` : '',
    missing.length ? ` ${counted(missing.length, 'fix')} ${agree(missing.length, 'names an id', 'name ids')} no longer in the file and ${agree(missing.length, 'is', 'are')} skipped.` : '',
  ].join('');
  if (changing.length === 0) {
    ui.info(`Loupe: no label cell to change in ${path.basename(document.file)}.${notes}`);
    return;
  }
  const target = await chooseFixTarget(document, changing.length, ui);
  if (!target) return;
  const result = await document.applyLabelFixes(changing, target);
  const carried = path.resolve(target) === path.resolve(document.file) ? 'nothing' : await document.carryAnnotations(target);
  const carriedNote = {
    carried: ` The tags and notes of ${path.basename(document.file)} go with it.`,
    kept: ` ${path.basename(target)} has annotations of its own: they were kept, and ${path.basename(document.file)}'s tags and notes were not copied.`,
    nothing: '',
  }[carried];
  ui.info(`Loupe: ${counted(result.changed, 'label cell')} changed in ${ui.displayPath(target)}.${notes}${carriedNote}`);
}

/** A new file next to the document, or the document itself once the user confirmed the overwrite; undefined when cancelled. */
async function chooseFixTarget(document: LabelFixDocument, fixCount: number, ui: Ui): Promise<string | undefined> {
  const name = path.basename(document.file);
  const choice = await ui.pick(
    [
      { label: 'Write a new file…', value: NEW_FILE },
      { label: 'Overwrite this file', value: SAME_FILE },
    ],
    { title: `Apply ${counted(fixCount, 'label fix')} to ${name}`, placeHolder: 'Only the fixed label cells change; every other byte stays the same.' },
  );
  if (choice === undefined) return undefined;
  if (choice === NEW_FILE) {
    const target = await ui.saveFile({ defaultPath: beside(document, '-fixed.csv'), filters: { CSV: ['csv'] } });
    // The label file chosen in the dialog is an overwrite like any other: it is confirmed.
    if (!target || path.resolve(target) !== path.resolve(document.file)) return target;
  }
  return (await ui.confirm(`Overwrite ${name} with ${counted(fixCount, 'label fix')}? Only the fixed cells change.`, 'Overwrite')) ? document.file : undefined;
}
