/**
 * Whether a path written in a file (a media cell, a setting in `.loupe/config.json`) stays
 * inside a root folder. Pure: the caller passes `path.win32` or `path.posix` (or Node's
 * `path`), so both platforms' rules are tested anywhere. A path that names another machine
 * or a device (`\\host\share`, `\\?\`, `\\.\`, `CON`) is refused before any file-system call:
 * merely looking at `\\host\share` sends the user's credentials to that host.
 */

/** The slice of Node's `path` module (win32 or posix) this module needs. */
export interface PathApi {
  readonly sep: string;
  isAbsolute(p: string): boolean;
  resolve(...paths: string[]): string;
  relative(from: string, to: string): string;
}

export type ContainmentProblem = 'network-or-device' | 'outside';

export type Containment = { inside: true; path: string } | { inside: false; problem: ContainmentProblem };

// Names Windows maps to devices in any folder, with or without an extension (nul.txt is NUL).
const DOS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** True for a Windows network path (`\\host\share`, `//host/share`), a device path (`\\?\`, `\\.\`) or a device name (`CON`, `nul.txt`). */
export function isNetworkOrDevicePath(written: string, api: PathApi): boolean {
  if (api.sep !== '\\') return false;
  if (/^[\\/]{2}/.test(written)) return true;
  return written.split(/[\\/]/).some((segment) => DOS_DEVICE.test(segment.replace(/[ .]+$/, '')));
}

/** True when the absolute path `candidate` is `root` itself or below it (lexically: links are the caller's business). */
export function isInside(root: string, candidate: string, api: PathApi): boolean {
  const relative = api.relative(root, candidate);
  if (relative === '') return true;
  if (api.isAbsolute(relative)) return false; // another drive on Windows
  return relative !== '..' && !relative.startsWith(`..${api.sep}`);
}

/**
 * Resolves `written` against `base` (a folder inside `root`; `root` itself by default) and
 * says whether the result stays inside `root`. No file-system call: the caller resolves links
 * (see `src/node/safePath.ts`) before trusting the answer.
 */
export function containPath(root: string, written: string, api: PathApi, base = root): Containment {
  if (written === '' || written.includes('\0')) return { inside: false, problem: 'outside' };
  if (isNetworkOrDevicePath(written, api)) return { inside: false, problem: 'network-or-device' };
  const candidate = api.resolve(base, written);
  if (isNetworkOrDevicePath(candidate, api) && !isNetworkOrDevicePath(root, api)) return { inside: false, problem: 'network-or-device' };
  return isInside(root, candidate, api) ? { inside: true, path: candidate } : { inside: false, problem: 'outside' };
}
