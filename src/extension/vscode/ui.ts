/**
 * What extension logic asks of the user, without VS Code: messages, confirmations, quick picks,
 * save dialogs and progress. `vscodeUi.ts` implements it with the VS Code API; unit tests give
 * a scripted fake, so a command's logic runs in plain Node.
 */
export interface PickItem<T> {
  label: string;
  description?: string;
  /** A second line under the item. */
  detail?: string;
  value: T;
}

export interface SaveDialogOptions {
  /** The file proposed, as an absolute path. */
  defaultPath: string;
  filters: Record<string, string[]>;
  title?: string;
}

export interface Ui {
  info(message: string): void;
  /** A message with one action: true when the user chose it (as Undo after a delete). */
  infoWithAction(message: string, action: string): Promise<boolean>;
  error(message: string): void;
  /** A warning with an optional action: true when the user chose it. */
  warn(message: string, action?: string): Promise<boolean>;
  /** A modal warning with one action: true when the user chose it. */
  confirm(message: string, action: string): Promise<boolean>;
  pick<T>(items: PickItem<T>[], options: { title: string; placeHolder?: string }): Promise<T | undefined>;
  /** Several items; undefined when dismissed. */
  pickMany<T>(items: PickItem<T>[], options: { title: string; placeHolder?: string; matchOnDescription?: boolean }): Promise<T[] | undefined>;
  /** A line of text; undefined when dismissed. `validate` returns the message shown while the text is not accepted. */
  input(options: { title: string; value?: string; prompt?: string; validate?: (value: string) => string | undefined }): Promise<string | undefined>;
  /** The chosen path, or undefined when cancelled. */
  saveFile(options: SaveDialogOptions): Promise<string | undefined>;
  /** A folder chosen in a dialog, or undefined when cancelled. */
  openFolder(options: { defaultPath: string; openLabel: string }): Promise<string | undefined>;
  /** Lines appended to the output channel `channel`, which is then shown. */
  showOutput(channel: string, lines: string[]): void;
  /** Runs `task` with a progress notification titled `title`. */
  withProgress<T>(title: string, task: () => Promise<T>): Promise<T>;
  /** A path as the user reads it: relative to the workspace folder that holds it. */
  displayPath(file: string): string;
}
