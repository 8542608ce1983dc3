/**
 * The label table's keys as VS Code keybindings. Each `loupe.table.*` command is bound to a key
 * with `when: activeCustomEditorId == 'loupe.labelTable' && loupe.tableFocus`, so Keyboard
 * Shortcuts lists it and a user can rebind it. The page reports when its grid gains or loses the
 * keyboard focus; this module keeps the `loupe.tableFocus` context key in step and sends each
 * command to the table it is meant for (the focused one, or the active one from the palette).
 */
import * as vscode from 'vscode';
import { TABLE_COMMANDS, type TableCommand } from '../../protocol/labelTable';

export const TABLE_FOCUS_CONTEXT = 'loupe.tableFocus';

/** The command id of a table action: `loupe.table.<name>`. */
export const tableCommandId = (name: TableCommand): string => `loupe.table.${name}`;

/** A table page, as the keys see it. */
export interface KeyTarget {
  /** The table's editor is the active one. */
  isActive(): boolean;
  run(command: TableCommand): void;
  /** Tells the page whether its keys are live, answering its focus report `seq`. */
  keysContext(seq: number, on: boolean): void;
}

class TableKeys {
  private readonly targets = new Set<KeyTarget>();
  private focused: KeyTarget | undefined;
  private context = false;

  add(target: KeyTarget): vscode.Disposable {
    this.targets.add(target);
    return new vscode.Disposable(() => {
      this.targets.delete(target);
      if (this.focused === target) void this.focus(target, false, -1);
    });
  }

  /** The page of `target` reported focus (`focused`); the context key follows, then the page hears back. */
  async focus(target: KeyTarget, focused: boolean, seq: number): Promise<void> {
    if (focused) this.focused = target;
    else if (this.focused === target) this.focused = undefined;
    const context = this.focused !== undefined;
    if (context !== this.context) {
      this.context = context;
      await vscode.commands.executeCommand('setContext', TABLE_FOCUS_CONTEXT, context);
    }
    if (seq >= 0 && this.targets.has(target)) target.keysContext(seq, focused && this.focused === target);
  }

  run(command: TableCommand): void {
    const target = this.focused ?? [...this.targets].find((t) => t.isActive());
    target?.run(command);
  }
}

export const tableKeys = new TableKeys();

/** Registers the `loupe.table.*` commands (their keys and titles are in package.json). */
export function registerTableKeys(): vscode.Disposable {
  return vscode.Disposable.from(...TABLE_COMMANDS.map((name) => vscode.commands.registerCommand(tableCommandId(name), () => tableKeys.run(name))));
}
