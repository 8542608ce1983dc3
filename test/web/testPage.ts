/**
 * What every webview test shares: the built bundles, the page the webview shell would render
 * (minus the CSP nonce plumbing) and the fake hosts that stand in for the extension.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
const WEBVIEW = path.join(ROOT, 'dist', 'webview');
const OUT = path.join(ROOT, 'out', 'test', 'web');

/** Headless Chromium, after checking that `npm run build` wrote the bundle the test opens. */
export function launchChromium(bundle: string, args: readonly string[] = []): Promise<Browser> {
  assert.ok(existsSync(path.join(WEBVIEW, `${bundle}.js`)), 'run "npm run build" first');
  return chromium.launch({ executablePath: process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', ...args] });
}

/** Writes `out/test/web/<name>.html`, which loads `styles` and the bundle `script` as the webview does, and returns its URL. */
export function writeTestPage(name: string, script: string, styles: readonly string[]): string {
  mkdirSync(OUT, { recursive: true });
  const asset = (file: string) => pathToFileURL(path.join(WEBVIEW, file)).href;
  const links = styles.map((s) => `<link rel="stylesheet" href="${asset(s)}">`).join('');
  const file = path.join(OUT, `${name}.html`);
  writeFileSync(file, `<!DOCTYPE html><html><head>${links}</head><body><div id="app"></div><script src="${asset(`${script}.js`)}"></script></body></html>`);
  return pathToFileURL(file).href;
}

export interface AnsweringPage {
  /** The page file's name in out/test/web; the bundle's name by default. */
  name?: string;
  script: string;
  styles?: readonly string[];
  /** What the host posts once the view says `ready`, in order. A string is JSON text, parsed in the page so that a key like `__proto__` stays an own key. */
  messages: readonly unknown[];
  viewport?: { width: number; height: number };
}

/**
 * Opens a view's bundle with a fake host that answers `ready` with `messages` and keeps what the
 * view posts in `window.__posted`.
 */
export async function openAnswering(browser: Browser, options: AnsweringPage): Promise<Page> {
  const url = writeTestPage(options.name ?? options.script, options.script, options.styles ?? ['analysis.css']);
  const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : undefined);
  const texts = options.messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m)));
  // A string, not a function: the test runner's transpiler would add helpers the page lacks.
  await page.addInitScript({
    content:
      `window.__posted = []; window.__loupeTestHost = { postMessage: (out) => { window.__posted.push(out); ` +
      `if (out.type === 'ready') setTimeout(() => { for (const text of ${JSON.stringify(texts)}) window.postMessage(JSON.parse(text), '*'); }); }, ` +
      `getState: () => undefined, setState: () => undefined };`,
  });
  await page.goto(url);
  return page;
}

/** Opens a page written by `writeTestPage` with one of the scripted fake hosts in test/web (`fakeHost.js`, …), which reads `params`. */
export async function openWithFakeHost(
  browser: Browser,
  url: string,
  host: string,
  params: unknown,
  viewport: { width: number; height: number },
  /** Runs before the page loads (e.g. `page.clock.install()`). */
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await beforeLoad?.(page);
  await page.addInitScript((p) => ((window as unknown as { __fakeHostParams: unknown }).__fakeHostParams = p), params);
  await page.addInitScript({ path: path.join(ROOT, 'test', 'web', host) });
  await page.goto(url);
  return page;
}

/** What the view posted to its host, of one type. */
export const posted = (page: Page, type: string) =>
  page.evaluate((t) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === t), type);
