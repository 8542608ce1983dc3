/**
 * A folder's listing as one comparable string, and a check that says when it changed. File
 * watchers drop events on some file systems (network drives, some containers, a busy watcher
 * process); a view that must follow files written by another process checks the listing every
 * few seconds while it is visible, as a second path besides the watcher.
 *
 * Records are created in place and edited by rename, so the folder's modification time and its
 * names change with every new, edited or deleted record.
 */
import { promises as fs } from 'node:fs';

/** The folder's modification time and sorted names; '' when it does not exist. */
export async function folderSignature(folder: string): Promise<string> {
  try {
    const [stat, names] = await Promise.all([fs.stat(folder), fs.readdir(folder)]);
    return `${stat.mtimeMs}\n${names.sort().join('\n')}`;
  } catch {
    return '';
  }
}

export interface FolderCheckOptions {
  folder: () => string | undefined;
  onChange: () => void;
  intervalMs: number;
  signature?: (folder: string) => Promise<string>;
}

/**
 * Checks the folder every `intervalMs` while at least one viewer is visible, and calls
 * `onChange` when its signature differs from the last one seen. The first check after a pause
 * compares with the signature seen before it, so a change made while nothing was visible is
 * reported too.
 */
export class FolderCheck {
  private readonly visible = new Set<object>();
  private timer: NodeJS.Timeout | undefined;
  private last: string | undefined;
  private inFlight: Promise<boolean> | undefined;

  constructor(private readonly options: FolderCheckOptions) {}

  setVisible(viewer: object, visible: boolean): void {
    if (visible) this.visible.add(viewer);
    else this.visible.delete(viewer);
    if (this.visible.size > 0 && !this.timer) {
      this.timer = setInterval(() => void this.check(), this.options.intervalMs);
      void this.check();
    } else if (this.visible.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  get active(): boolean {
    return this.timer !== undefined;
  }

  /** One check now; resolves to whether a change was reported. A check under way is shared, not started twice. */
  check(): Promise<boolean> {
    this.inFlight ??= this.compare().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async compare(): Promise<boolean> {
    const folder = this.options.folder();
    if (!folder) return false;
    const signature = await (this.options.signature ?? folderSignature)(folder);
    const changed = this.last !== undefined && signature !== this.last;
    this.last = signature;
    if (changed) this.options.onChange();
    return changed;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.visible.clear();
  }
}
