/**
 * Data-check findings as problems on the label file (no VS Code here): one per example group at
 * its first row's line, saying which rows and what to do, and a summary on the header line.
 */
import type { DataChecksExample, DataChecksSection } from '../../core/audit/dataChecksSection';
import { counted, noun } from '../../core/plural';

export interface DataCheckProblem {
  /** 1-based line in the file. */
  line: number;
  severity: 'warning' | 'information';
  code: 'leakage' | 'conflictingLabels' | 'duplicate' | 'dataChecks';
  message: string;
}

const quoted = (values: string[]) => values.map((v) => JSON.stringify(v)).join(', ');

function rowsOf(e: DataChecksExample): string {
  const more = e.size > e.rows.length ? ` and ${e.size - e.rows.length} more` : '';
  return `rows ${e.rows.join(', ')}${more} (lines ${e.lines.join(', ')})`;
}

function problemOf(e: DataChecksExample, s: DataChecksSection): DataCheckProblem {
  const line = e.lines[0];
  if (e.leaked) {
    return { line, severity: 'warning', code: 'leakage', message: `Leakage: the same ${s.inputColumn} is in ${quoted(e.splits)} of "${s.splitColumn}": ${rowsOf(e)}. A model tested on it has seen it in training, so test figures are too good. Keep one copy, or split again with Loupe: Split Dataset… and a group column.` };
  }
  if (e.conflict) {
    return { line, severity: 'warning', code: 'conflictingLabels', message: `Conflicting labels: ${rowsOf(e)} have the same ${s.inputColumn} but labels ${quoted(e.labels)} in "${s.labelColumn}". Relabel them to agree, or mark the example as ambiguous.` };
  }
  return { line, severity: 'information', code: 'duplicate', message: `Duplicate: ${rowsOf(e)} have the same ${s.inputColumn}. Remove the copies unless they are meant to be weighted.` };
}

/** The problems to show for a file's data checks ([] when nothing was found). */
export function describeDataChecks(section: DataChecksSection | null): DataCheckProblem[] {
  if (!section || section.duplicateGroups === 0) return [];
  const problems = section.examples.map((e) => problemOf(e, section));
  const leaks = section.splitColumn ? `, ${section.leakedGroups} leaked across "${section.splitColumn}"` : '';
  const listed = section.examples.length < section.duplicateGroups ? ` The first ${section.examples.length} groups are listed; Loupe: Audit Dataset reports them all.` : '';
  problems.unshift({
    line: 1,
    severity: section.leakedGroups > 0 || section.conflictingGroups > 0 ? 'warning' : 'information',
    code: 'dataChecks',
    message: `Data checks on "${section.inputColumn}": ${section.duplicateGroups} duplicate ${noun(section.duplicateGroups, 'group')} covering ${counted(section.duplicateRows, 'row')}, ${section.conflictingGroups} with conflicting labels${leaks}.${listed}`,
  });
  return problems;
}
