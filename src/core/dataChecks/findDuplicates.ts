/**
 * Data integrity checks (DOMAIN.md §5, Deepchecks' and cleanlab Datalab's "integrity"):
 * rows with the same input key form a duplicate group; a group whose present labels differ
 * (compared by value, §1) is a conflict; a group whose present split values differ is
 * leakage. Keys come from the caller: `normalizeInput(text)` for text inputs, a content
 * hash for media paths (computed by Node code). Keys live in a `Map`, so any text is data.
 */
import { unifyValues, type CodedColumn } from './values';

export const DUPLICATE = 1;
export const CONFLICT = 2;
export const LEAKED = 4;

/** How many groups `examples` lists at most, and rows per group. */
const EXAMPLE_GROUPS = 20;
const EXAMPLE_ROWS = 10;

/**
 * The key of a text input: Unicode NFC, trimmed, inner whitespace runs collapsed to one
 * space, then lower-cased with `toLowerCase` (simple case mapping: "ß" and "SS" stay
 * distinct, unlike full case folding). Blank input gives null (no key, never a duplicate).
 */
export function normalizeInput(text: string): string | null {
  const key = text.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
  return key === '' ? null : key;
}

export interface DuplicateExample {
  /** Rows of the group (0-based, first EXAMPLE_ROWS), in file order. */
  rows: number[];
  size: number;
  /** Distinct present labels and split values, in order of first row. */
  labels: string[];
  splits: string[];
  conflict: boolean;
  leaked: boolean;
}

export interface DataCheckReport {
  rows: number;
  /** Rows that had a key (input present). */
  keyedRows: number;
  duplicateGroups: number;
  /** Every row of a duplicate group. */
  duplicateRows: number;
  conflictingGroups: number;
  leakedGroups: number;
  /** Conflicts and leaks first, then larger groups, then file order. */
  examples: DuplicateExample[];
  /** Per row: DUPLICATE | CONFLICT | LEAKED bits, for table filters. */
  flags: Uint8Array;
}

export interface DataCheckInput {
  /** Per row: its key (normalized text or a content hash), null when the input is missing. */
  keys: ArrayLike<string | null>;
  label?: CodedColumn;
  split?: CodedColumn;
}

interface GroupState {
  first: number;
  size: number;
  label: number;
  split: number;
  conflict: boolean;
  leaked: boolean;
}

/** Duplicate, conflicting and leaked groups over per-row keys. */
export function findDuplicates(input: DataCheckInput): DataCheckReport {
  const rowCount = input.keys.length;
  const labels = input.label ? unifyValues([input.label]) : null;
  const splits = input.split ? unifyValues([input.split]) : null;
  const labelOf = labels?.rows[0];
  const splitOf = splits?.rows[0];
  const { groupOfRow, groups, keyedRows } = groupRows(input.keys, labelOf, splitOf);
  const duplicates = groups.filter((g) => g.size > 1);
  return {
    rows: rowCount,
    keyedRows,
    duplicateGroups: duplicates.length,
    duplicateRows: duplicates.reduce((sum, g) => sum + g.size, 0),
    conflictingGroups: duplicates.filter((g) => g.conflict).length,
    leakedGroups: duplicates.filter((g) => g.leaked).length,
    examples: pickExamples(duplicates, groups, groupOfRow, labels?.values ?? [], labelOf, splits?.values ?? [], splitOf),
    flags: rowFlags(groupOfRow, groups),
  };
}

/** One group per distinct key (in order of first row), each row's group (-1: no key). */
function groupRows(keys: ArrayLike<string | null>, labelOf: Int32Array | undefined, splitOf: Int32Array | undefined) {
  const groupOfRow = new Int32Array(keys.length).fill(-1);
  const groups: GroupState[] = [];
  const idOfKey = new Map<string, number>();
  let keyedRows = 0;
  for (let r = 0; r < keys.length; r++) {
    const key = keys[r];
    if (key === null || key === undefined) continue;
    keyedRows++;
    let id = idOfKey.get(key);
    if (id === undefined) {
      id = groups.length;
      idOfKey.set(key, id);
      groups.push({ first: r, size: 0, label: -1, split: -1, conflict: false, leaked: false });
    }
    groupOfRow[r] = id;
    addToGroup(groups[id], codeAt(labelOf, r), codeAt(splitOf, r));
  }
  return { groupOfRow, groups, keyedRows };
}

const codeAt = (codes: Int32Array | undefined, r: number): number => (codes && r < codes.length ? codes[r] : -1);

/** Counts a row with label code `l` and split code `s` (-1: missing) into its group. */
function addToGroup(group: GroupState, l: number, s: number): void {
  group.size++;
  if (l >= 0 && group.label >= 0 && l !== group.label) group.conflict = true;
  if (l >= 0 && group.label < 0) group.label = l;
  if (s >= 0 && group.split >= 0 && s !== group.split) group.leaked = true;
  if (s >= 0 && group.split < 0) group.split = s;
}

function rowFlags(groupOfRow: Int32Array, groups: GroupState[]): Uint8Array {
  const flags = new Uint8Array(groupOfRow.length);
  for (let r = 0; r < groupOfRow.length; r++) {
    const g = groupOfRow[r];
    if (g < 0 || groups[g].size < 2) continue;
    flags[r] = DUPLICATE | (groups[g].conflict ? CONFLICT : 0) | (groups[g].leaked ? LEAKED : 0);
  }
  return flags;
}

function pickExamples(
  duplicates: GroupState[],
  groups: GroupState[],
  groupOfRow: Int32Array,
  labelNames: string[],
  labelOf: Int32Array | undefined,
  splitNames: string[],
  splitOf: Int32Array | undefined,
): DuplicateExample[] {
  const rank = (g: GroupState): number => (g.conflict ? 2 : 0) + (g.leaked ? 1 : 0);
  const chosen = [...duplicates].sort((a, b) => rank(b) - rank(a) || b.size - a.size || a.first - b.first).slice(0, EXAMPLE_GROUPS);
  const slot = new Map(chosen.map((g, i) => [groups.indexOf(g), i]));
  const examples = chosen.map((g) => ({ rows: [] as number[], size: g.size, labels: [] as string[], splits: [] as string[], conflict: g.conflict, leaked: g.leaked }));
  for (let r = 0; r < groupOfRow.length; r++) {
    const i = slot.get(groupOfRow[r]);
    if (i === undefined) continue;
    const example = examples[i];
    if (example.rows.length < EXAMPLE_ROWS) example.rows.push(r);
    addDistinct(example.labels, labelOf, labelNames, r);
    addDistinct(example.splits, splitOf, splitNames, r);
  }
  return examples;
}

function addDistinct(list: string[], valueOf: Int32Array | undefined, names: string[], row: number): void {
  const v = valueOf && row < valueOf.length ? valueOf[row] : -1;
  if (v >= 0 && !list.includes(names[v])) list.push(names[v]);
}
