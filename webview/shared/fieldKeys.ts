/**
 * Keys typed into a field of a webview page stay the field's. VS Code's webview frame hands every
 * key that reaches its window to the workbench, which runs the keybinding of that key a round trip
 * later:
 * - a letter would run a `loupe.table.*` command bound to it while the workbench still believes the
 *   grid has the focus;
 * - Ctrl/Cmd+A runs the workbench's Select All, which selects the page's text again by
 *   `execCommand('selectAll')` when it comes back: over the letters typed since, so the next key
 *   replaced them (Ctrl+A then "wxyz" typed at once left "xyz", "yz" or "z" in 12 of 30 tries);
 * - Ctrl/Cmd+Z and redo are held back from the browser by the frame and run the workbench's Undo
 *   and Redo, which for a label file undo the last tag or label fix: a user undoing a typo in the
 *   search field took a tag off a row out of sight.
 * Letters stop on the page's document (the browser has typed them). Select all, undo and redo in a
 * text field are done by the page itself and marked handled (preventDefault), so that neither the
 * frame nor an application menu that owns these keys (VS Code's on macOS) runs the workbench's.
 * Outside a field every key goes on to the workbench as before.
 */

/** Where a key was typed: a text field (typing, selecting, undoing), another field (a select, a checkbox), or elsewhere. */
export type KeyOrigin = 'text' | 'field' | 'other';

const TEXT_INPUT = 'input:not([type]), input[type=text], input[type=search], input[type=number], input[type=email], input[type=url], input[type=password], input[type=tel], textarea, [contenteditable=""], [contenteditable="true"]';
const OTHER_FIELD = 'input, select, vscode-textfield, vscode-textarea, vscode-single-select, vscode-multi-select, vscode-checkbox';

/** The elements from the innermost outwards: an event's composed path, or the focus chain through open shadow roots. */
function classify(chain: readonly Element[]): KeyOrigin {
  const [innermost] = chain;
  if (!innermost) return 'other';
  if (innermost.matches(TEXT_INPUT)) return 'text';
  return chain.some((element) => element.matches(OTHER_FIELD)) ? 'field' : 'other';
}

/** The focus chain of `element`, innermost first: a component's host holds its focused part in its shadow root. */
function focusChain(element: Element | null): Element[] {
  const chain: Element[] = [];
  for (let target = element; target; target = target.shadowRoot?.activeElement ?? null) chain.unshift(target);
  return chain;
}

/** What kind of element has the focus at `element` (or inside its shadow root), for its keys. */
export function keyOrigin(element: Element | null): KeyOrigin {
  return classify(focusChain(element));
}

/** The focus is in a field (a text field, a select, a checkbox): keys typed go to it. */
export function isField(element: Element | null): boolean {
  return keyOrigin(element) !== 'other';
}

/** What a key does in a text field, done by the page: select all, undo or redo. */
export type TextCommand = 'selectAll' | 'undo' | 'redo';

type KeyFacts = Pick<KeyboardEvent, 'key' | 'keyCode' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'> & { altGraph?: boolean };

/** The letter of a Ctrl/Cmd key: by keyCode too, as VS Code reads it, so that a Russian or Greek layout's Ctrl+Z is undo. */
function commandLetter(event: KeyFacts): string {
  if (event.keyCode >= 65 && event.keyCode <= 90) return String.fromCharCode(event.keyCode + 32);
  return event.key.toLowerCase();
}

/** Select all (Ctrl/Cmd+A), undo (Ctrl/Cmd+Z), redo (Ctrl/Cmd+Shift+Z, Ctrl+Y) in a text field; else undefined. */
export function textCommand(event: KeyFacts): TextCommand | undefined {
  if (event.altKey || !(event.ctrlKey || event.metaKey)) return undefined;
  const letter = commandLetter(event);
  if (letter === 'a' && !event.shiftKey) return 'selectAll';
  if (letter === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (letter === 'y' && !event.shiftKey && event.ctrlKey && !event.metaKey) return 'redo';
  return undefined;
}

/** A character typed (AltGr included, which Windows reports as Ctrl+Alt): one code point, no command modifier. */
function typesACharacter(event: KeyFacts): boolean {
  if ([...event.key].length !== 1) return false;
  if (event.altGraph) return true;
  return !event.ctrlKey && !event.metaKey && !event.altKey;
}

/**
 * What the page does with a key typed where `origin` says: `stop` keeps it from the workbench (a
 * character in any field), a text command is done by the page (a text field), `pass` lets it go on.
 */
export function fieldKeyAction(event: KeyFacts, origin: KeyOrigin): 'pass' | 'stop' | TextCommand {
  if (origin === 'other') return 'pass';
  if (typesACharacter(event)) return 'stop';
  return (origin === 'text' && textCommand(event)) || 'pass';
}

/** Keeps a field's own keys on the page's document, before the webview frame's window listener sees them. */
export function keepFieldKeysInFields(target: Document = document): void {
  target.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    const chain = event.composedPath().filter((t): t is Element => t instanceof Element);
    const facts: KeyFacts = { key: event.key, keyCode: event.keyCode, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, shiftKey: event.shiftKey, altGraph: event.getModifierState('AltGraph') };
    const action = fieldKeyAction(facts, classify(chain));
    if (action === 'pass') return;
    event.stopPropagation();
    if (action === 'stop') return;
    event.preventDefault();
    runTextCommand(chain[0]!, action);
  });
}

/** Select all on the field itself; undo and redo through the document's editing history (what the browser's own keys do). */
function runTextCommand(field: Element, command: TextCommand): void {
  if (command === 'selectAll' && (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) {
    field.select();
    return;
  }
  // execCommand is the one way a page drives the browser's editing history of its fields.
  field.ownerDocument.execCommand(command);
}
