/**
 * The table's keys, per mode: browsing (move, tag, filter) and reviewing (digits decide the
 * label). Each mode is a table from key to action, so what a key does is read in one place.
 */
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
  /** Review mode: true when the key decided something. */
  reviewKey(event: KeyboardEvent): boolean;
}

type KeyAction = (event: KeyboardEvent, actions: TableKeyActions) => boolean | void;

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

/** Browsing keys; an action returning false leaves the key to the page. */
const BROWSE: Readonly<Record<string, KeyAction>> = {
  T: (_, a) => a.openPicker(true),
  t: (_, a) => a.openPicker(false),
  Enter: (_, a) => a.openPicker(false),
  e: (_, a) => a.hasOutcomes() && (a.nextUntaggedError(), true),
  Escape: (_, a) => a.clearSelection(),
  m: (_, a) => a.hasOutcomes() && (a.toggleFilter('misclassified'), true),
  d: (_, a) => a.hasLabelers() && !a.reviewing() && (a.toggleFilter('disagree'), true),
  l: (_, a) => a.hasLabelIssues() && (a.toggleFilter('likelyError'), true),
  ' ': (_, a) => a.toggleDetail(),
  p: (_, a) => a.playClip(),
  '/': (_, a) => a.focusSearch(),
};

/** Handles a key pressed in the grid; true when it was the table's (the caller prevents the default). */
export function handleTableKey(event: KeyboardEvent, actions: TableKeyActions): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return false;
  if (event.key === 'r' && (actions.hasLabelers() || actions.hasLabelIssues())) {
    actions.toggleReview();
    return true;
  }
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
  const action = Object.hasOwn(BROWSE, event.key) ? BROWSE[event.key] : undefined;
  return action ? action(event, actions) !== false : false;
}
