/**
 * A scripted `Ui` for unit tests: answers come from a queue in the order the flow asks, and
 * every message, question and progress title is recorded. An unexpected question fails the test.
 */
import type { PickItem, SaveDialogOptions, Ui } from './ui';

export type Answer =
  | { pick: unknown }
  | { pickMany: unknown[] | undefined }
  | { input: string | undefined }
  | { save: string | undefined }
  | { confirm: boolean }
  | { folder: string | undefined }
  | { warn: boolean }
  | { action: boolean };

export interface Asked {
  kind: 'pick' | 'pickMany' | 'input' | 'save' | 'confirm' | 'folder' | 'warn' | 'action';
  title: string;
  /** Pick: the labels offered; save: the proposed path; confirm: the action. */
  offered: string[];
}

export class FakeUi implements Ui {
  readonly infos: string[] = [];
  readonly errors: string[] = [];
  readonly asked: Asked[] = [];
  readonly progressTitles: string[] = [];
  readonly warnings: string[] = [];
  readonly output = new Map<string, string[]>();

  constructor(private readonly answers: Answer[] = []) {}

  info(message: string): void {
    this.infos.push(message);
  }

  error(message: string): void {
    this.errors.push(message);
  }

  async infoWithAction(message: string, action: string): Promise<boolean> {
    this.infos.push(message);
    this.asked.push({ kind: 'action', title: message, offered: [action] });
    return this.next('action').action;
  }

  async pickMany<T>(items: PickItem<T>[], options: { title: string }): Promise<T[] | undefined> {
    this.asked.push({ kind: 'pickMany', title: options.title, offered: items.map((i) => i.label) });
    const wanted = this.next('pickMany').pickMany;
    if (wanted === undefined) return undefined;
    return wanted.map((w) => {
      const item = items.find((i) => i.value === w || i.label === w);
      if (!item) throw new Error(`no item "${String(w)}" among ${items.map((i) => i.label).join(', ')}`);
      return item.value;
    });
  }

  /** The answer goes through `validate` as VS Code would: a rejected answer fails the test. */
  async input(options: { title: string; value?: string; validate?: (value: string) => string | undefined }): Promise<string | undefined> {
    this.asked.push({ kind: 'input', title: options.title, offered: options.value === undefined ? [] : [options.value] });
    const answer = this.next('input').input;
    const problem = answer === undefined ? undefined : options.validate?.(answer);
    if (problem) throw new Error(`the input "${answer}" was refused: ${problem}`);
    return answer;
  }

  /** A warning without an action is only recorded; with one, the next answer says if it was chosen. */
  async warn(message: string, action?: string): Promise<boolean> {
    this.warnings.push(message);
    if (action === undefined) return false;
    this.asked.push({ kind: 'warn', title: message, offered: [action] });
    return this.next('warn').warn;
  }

  async openFolder(options: { defaultPath: string; openLabel: string }): Promise<string | undefined> {
    this.asked.push({ kind: 'folder', title: options.openLabel, offered: [options.defaultPath] });
    return this.next('folder').folder;
  }

  showOutput(channel: string, lines: string[]): void {
    this.output.set(channel, [...(this.output.get(channel) ?? []), ...lines]);
  }

  async confirm(message: string, action: string): Promise<boolean> {
    this.asked.push({ kind: 'confirm', title: message, offered: [action] });
    return this.next('confirm').confirm;
  }

  async pick<T>(items: PickItem<T>[], options: { title: string }): Promise<T | undefined> {
    this.asked.push({ kind: 'pick', title: options.title, offered: items.map((i) => i.label) });
    const wanted = this.next('pick').pick;
    if (wanted === undefined) return undefined;
    const item = items.find((i) => i.value === wanted || i.label === wanted);
    if (!item) throw new Error(`no item "${String(wanted)}" among ${items.map((i) => i.label).join(', ')}`);
    return item.value;
  }

  async saveFile(options: SaveDialogOptions): Promise<string | undefined> {
    this.asked.push({ kind: 'save', title: options.title ?? '', offered: [options.defaultPath] });
    return this.next('save').save;
  }

  withProgress<T>(title: string, task: () => Promise<T>): Promise<T> {
    this.progressTitles.push(title);
    return task();
  }

  displayPath(file: string): string {
    return file.split(/[\\/]/).pop() ?? file;
  }

  /** Answers not used by the flow: a test asserts there are none. */
  get unanswered(): number {
    return this.answers.length;
  }

  private next<K extends Asked['kind']>(kind: K): Extract<Answer, Record<K, unknown>> {
    const answer = this.answers.shift();
    if (!answer || !(kind in answer)) throw new Error(`the flow asked a ${kind} the test did not expect (next answer: ${JSON.stringify(answer)})`);
    return answer as Extract<Answer, Record<K, unknown>>;
  }
}
