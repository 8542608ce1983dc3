/**
 * The "Data checks" section of an audit (DOMAIN.md §5): duplicate inputs, duplicates with
 * different labels, and the same input in two splits, with a few groups as examples.
 */
import type { CodedColumn } from '../dataChecks/values';
import { findDuplicates } from '../dataChecks/findDuplicates';
import { noun } from '../plural';

export interface DataChecksExample {
  /** 1-based data rows (the first ten of the group) and their lines in the file. */
  rows: number[];
  lines: number[];
  size: number;
  labels: string[];
  splits: string[];
  conflict: boolean;
  leaked: boolean;
}

export interface DataChecksSection {
  inputColumn: string;
  /** The split column read for leakage, or null when the file has none. */
  splitColumn: string | null;
  labelColumn: string | null;
  /** Rows with an input (a text or a readable media file) that could be compared. */
  keyedRows: number;
  duplicateGroups: number;
  duplicateRows: number;
  conflictingGroups: number;
  leakedGroups: number;
  examples: DataChecksExample[];
  /** Media path inputs: files hashed, and paths that could not be read (missing, outside the workspace…). */
  media: { hashed: number; unreadable: number; unreadableExamples: { row: number; path: string; reason: string }[] } | null;
}

export interface DataChecksInputs {
  inputColumn: string;
  /** Per row: the key of its input (normalized text or a content hash), null when missing. */
  keys: ArrayLike<string | null>;
  label?: { name: string; column: CodedColumn };
  split?: { name: string; column: CodedColumn };
  rowLines: ArrayLike<number>;
  media?: DataChecksSection['media'];
}

/** The section's figures from per-row keys. */
export function checkDataIntegrity(inputs: DataChecksInputs): DataChecksSection {
  return checkDataIntegrityWithRows(inputs).section;
}

/** The section, and per row its DUPLICATE | CONFLICT | LEAKED bits (what the table filters on). */
export function checkDataIntegrityWithRows(inputs: DataChecksInputs): { section: DataChecksSection; flags: Uint8Array } {
  const report = findDuplicates({ keys: inputs.keys, label: inputs.label?.column, split: inputs.split?.column });
  return { flags: report.flags, section: {
    inputColumn: inputs.inputColumn,
    splitColumn: inputs.split?.name ?? null,
    labelColumn: inputs.label?.name ?? null,
    keyedRows: report.keyedRows,
    duplicateGroups: report.duplicateGroups,
    duplicateRows: report.duplicateRows,
    conflictingGroups: report.conflictingGroups,
    leakedGroups: report.leakedGroups,
    examples: report.examples.map((e) => ({ ...e, rows: e.rows.map((r) => r + 1), lines: e.rows.map((r) => inputs.rowLines[r]) })),
    media: inputs.media ?? null,
  } };
}

const cell = (v: string | number) => String(v).replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The markdown of the section; `null` when the file has no input column. */
export function renderDataChecksMarkdown(section: DataChecksSection | null): string[] {
  if (!section) return ['## Data checks', '', 'No input column, so duplicates, conflicts and leakage were not checked.', ''];
  const s = section;
  const out = [
    '## Data checks',
    '',
    `Input column \`${cell(s.inputColumn)}\` (${s.keyedRows.toLocaleString('en-US')} rows with an input, compared after Unicode NFC, trimming, collapsing whitespace and lower-casing; media files by the SHA-256 of their content).`,
    '',
    `- ${s.duplicateGroups} duplicate ${noun(s.duplicateGroups, 'group')} covering ${s.duplicateRows} ${noun(s.duplicateRows, 'row')}`,
    `- ${s.conflictingGroups} conflicting ${noun(s.conflictingGroups, 'group')} (the same input with different labels${s.labelColumn ? ` in \`${cell(s.labelColumn)}\`` : '; no label column'})`,
    s.splitColumn ? `- ${s.leakedGroups} leaked ${noun(s.leakedGroups, 'group')} (the same input in two values of \`${cell(s.splitColumn)}\`)` : '- leakage not checked: no split column (a column named `split`, or --split-column)',
  ];
  if (s.media) out.push(`- media files: ${s.media.hashed} hashed, ${s.media.unreadable} could not be read (not compared)`);
  for (const u of s.media?.unreadableExamples ?? []) out.push(`  - row ${u.row}: ${cell(u.path)}: ${cell(u.reason)}`);
  if (s.examples.length > 0) {
    out.push('', '| rows | size | labels | splits | problem |', '|---|---:|---|---|---|');
    for (const e of s.examples) {
      const problem = [e.conflict ? 'conflict' : '', e.leaked ? 'leakage' : ''].filter(Boolean).join(', ') || 'duplicate';
      out.push(`| ${e.rows.join(', ')}${e.size > e.rows.length ? ', …' : ''} | ${e.size} | ${e.labels.map(cell).join(', ')} | ${e.splits.map(cell).join(', ')} | ${problem} |`);
    }
  }
  out.push('');
  return out;
}
