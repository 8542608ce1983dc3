/**
 * Keys typed into a field of a webview page stay the field's. VS Code's webview frame hands every
 * key that reaches its window to the workbench, which runs the keybinding of that key a round trip
 * later:
 * - a letter would run a `loupe.table.*` command bound to it while the workbench still believes the
 *   grid has the focus;
 * - Ctrl/Cmd+A runs the workbench's Select All, which selects the page's text again by
 *   `execCommand('selectAll')` when it comes back: over the letters typed since, so the next key
 *   replaced them (Ctrl+A then "wxyz" typed at once left "xyz", "yz" or "z" in 12 of 30 tries);
 * - Ctrl/Cmd+Z, Ctrl+Shift+Z and Ctrl/Cmd+Y are held back from the browser by the frame and run
 *   the workbench's Undo and Redo, which for a label file undo the last tag or label fix: a user
 *   undoing a typo in the search field took a tag off a row out of sight.
 * Kept on the page, the browser does what the key does in the field (select its text, undo its
 * typing); the workbench never sees it. Outside a field these keys go on to the workbench as before.
 */

/** Where a key was typed: a text field (typing, selecting, undoing), another field (a select), or elsewhere. */
export type KeyOrigin = 'text' | 'field' | 'other';

const TEXT_INPUT = 'input:not([type]), input[type=text], input[type=search], input[type=number], input[type=email], input[type=url], input[type=password], input[type=tel], textarea, [contenteditable=""], [contenteditable="true"]';
const OTHER_FIELD = 'input, select, vscode-textfield, vscode-textarea, vscode-single-select, vscode-multi-select';

/** The element that really has the focus, through open shadow roots. */
function innermost(element: Element | null): Element | null {
  let target: Element | null = element;
  while (target?.shadowRoot?.activeElement) target = target.shadowRoot.activeElement;
  return target;
}

/** What kind of element `element` (or the element focused inside its shadow root) is, for its keys. */
export function keyOrigin(element: Element | null): KeyOrigin {
  const target = innermost(element);
  if (!target) return 'other';
  return target.matches(TEXT_INPUT) ? 'text' : target.matches(OTHER_FIELD) ? 'field' : 'other';
}

/** The focus is in a field (a text field or a select): keys typed go to it. */
export function isField(element: Element | null): boolean {
  return keyOrigin(element) !== 'other';
}

/** Ctrl/Cmd with these letters (any case: Shift+Z is redo) are a text field's: select all, undo, redo. */
const TEXT_COMMAND_LETTERS: ReadonlySet<string> = new Set(['a', 'z', 'y']);

/**
 * A key the workbench must not see: a plain character typed in any field; select all, undo or
 * redo in a text field (in a select, Ctrl+Z still undoes the last edit of the document).
 */
export function keptInField(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, origin: KeyOrigin): boolean {
  if (origin === 'other' || event.altKey) return false;
  if (!(event.ctrlKey || event.metaKey)) return event.key.length === 1;
  return origin === 'text' && TEXT_COMMAND_LETTERS.has(event.key.toLowerCase());
}

/** Stops a field's own keys on the page's document, before the webview frame's window listener sees them. */
export function keepFieldKeysInFields(target: Document = document): void {
  target.addEventListener('keydown', (event) => {
    const origin = event.composedPath()[0];
    if (origin instanceof Element && keptInField(event, keyOrigin(origin))) event.stopPropagation();
  });
}
