/**
 * The table's keys. Actions a user may want to rebind are VS Code commands (runTableCommand);
 * the keys that depend on the cursor and the mode (moving, digits, review decisions) are the
 * page's own (handleTableKey).
 */
import type { TableCommand } from '../../src/protocol/labelTable';

export interface TableKeyActions {
  hasOutcomes(): boolean;
  hasLabelers(): boolean;
  /** The file has per-class probabilities: likely label errors can be filtered and reviewed. */
  hasLabelIssues(): boolean;
  reviewing(): boolean;
  pageSize(): number;
  /** Moves the cursor by `delta` rows (or to the first/last with ±Infinity); Shift extends the selection. */
  move(delta: number, extend: boolean): void;
  openPicker(wholeView: boolean): void;
  nextUntaggedError(): void;
  /** Escape: true when there was a multi-row selection to clear. */
  clearSelection(): boolean;
  toggleNumberedTag(key: string): void;
  toggleFilter(name: 'misclassified' | 'disagree' | 'likelyError'): void;
  toggleDetail(): void;
  /** p: plays or pauses the selected row's clip; false when it has none. */
  playClip(): boolean;
  focusSearch(): void;
  toggleReview(): void;
  /** i: shows or hides the pictures in the rows; false when no shown column holds image paths. */
  toggleThumbnails(): boolean;
  /** Review mode: true when the key decided something. */
  reviewKey(event: KeyboardEvent): boolean;
}

const MOVES: Readonly<Record<string, (page: number) => number>> = {
  ArrowDown: () => 1,
  ArrowUp: () => -1,
  PageDown: (page) => page,
  PageUp: (page) => -page,
  j: () => 1,
  k: () => -1,
  Home: () => -Infinity,
  End: () => Infinity,
};

/**
 * The table's commands (`loupe.table.*`, bound to keys in package.json and rebindable in Keyboard
 * Shortcuts): what each does on the page. A command that does not apply to the file does nothing.
 */
export function runTableCommand(name: TableCommand, actions: TableKeyActions): void {
  COMMANDS[name](actions);
}

const COMMANDS: Readonly<Record<TableCommand, (a: TableKeyActions) => unknown>> = {
  tag: (a) => a.openPicker(false),
  tagView: (a) => a.openPicker(true),
  nextError: (a) => a.hasOutcomes() && a.nextUntaggedError(),
  misclassified: (a) => a.hasOutcomes() && a.toggleFilter('misclassified'),
  disagree: (a) => a.hasLabelers() && !a.reviewing() && a.toggleFilter('disagree'),
  likelyError: (a) => a.hasLabelIssues() && a.toggleFilter('likelyError'),
  detail: (a) => a.toggleDetail(),
  play: (a) => a.playClip(),
  search: (a) => a.focusSearch(),
  review: (a) => (a.hasLabelers() || a.hasLabelIssues()) && a.toggleReview(),
  thumbnails: (a) => a.toggleThumbnails(),
};

/**
 * Handles a key pressed in the grid that stays the page's own: moving, Enter (tag), Escape,
 * digits (numbered tags) and, in review mode, the decisions. True when it was the table's (the
 * caller prevents the default and keeps the key from the workbench).
 */
export function handleTableKey(event: KeyboardEvent, actions: TableKeyActions): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return false;
  if (actions.reviewing() && actions.reviewKey(event)) return true;
  const move = Object.hasOwn(MOVES, event.key) ? MOVES[event.key] : undefined;
  if (move) {
    actions.move(move(actions.pageSize()), event.shiftKey);
    return true;
  }
  if (/^[1-9]$/.test(event.key)) {
    actions.toggleNumberedTag(event.key);
    return true;
  }
  if (event.key === 'Enter') {
    actions.openPicker(false);
    return true;
  }
  if (event.key === 'Escape') return actions.clearSelection();
  return false;
}

/** The default key of each table command (package.json `contributes.keybindings`; a unit test holds them equal). */
export const DEFAULT_KEYS: Readonly<Record<string, TableCommand>> = { t: 'tag', T: 'tagView', e: 'nextError', m: 'misclassified', d: 'disagree', l: 'likelyError', ' ': 'detail', p: 'play', '/': 'search', r: 'review', i: 'thumbnails' };

/**
 * Keys typed in the grid that went on to the workbench, until the command one of them ran comes
 * back. A user who types `t` then "car" quickly must find "car" in the tag picker, though the
 * picker opens only when the command comes back: the keys typed after the command's key are
 * handed to it. The command's key is the first one in flight that is its default key, else
 * (a rebound key) the oldest one; keys older than `maxAgeMs` are not in flight any more.
 */
export class KeysInFlight {
  private keys: { key: string; at: number }[] = [];

  constructor(private readonly maxAgeMs = 500) {}

  typed(key: string, at: number): void {
    this.keys.push({ key, at });
  }

  /** `command` came back at `now`: forgets its key and the keys before it, and returns the keys typed after it. */
  answered(command: TableCommand, now: number): string[] {
    this.keys = this.keys.filter((k) => now - k.at <= this.maxAgeMs);
    if (this.keys.length === 0) return [];
    const own = this.keys.findIndex((k) => Object.hasOwn(DEFAULT_KEYS, k.key) && DEFAULT_KEYS[k.key] === command);
    this.keys = this.keys.slice((own < 0 ? 0 : own) + 1);
    return this.keys.map((k) => k.key);
  }

  clear(): void {
    this.keys = [];
  }
}
