/**
 * Scrolling the label table webview at 1M rows in Chromium (the built bundle, a fake host).
 * Per frame: the script, style and layout work of one scroll step, measured in the page;
 * reports the 95th percentile.  node --import tsx bench/scroll.ts [rows]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const root = path.resolve(__dirname, '..');
  const dir = path.join(root, 'bench', 'data');
  mkdirSync(dir, { recursive: true });
  const asset = (name: string) => pathToFileURL(path.join(root, 'dist', 'webview', name)).href;
  const page = path.join(dir, 'scroll.html');
  writeFileSync(page, `<!DOCTYPE html><html><head><link rel="stylesheet" href="${asset('codicon.css')}"><link rel="stylesheet" href="${asset('table.css')}"></head><body><div id="app"></div><script src="${asset('table.js')}"></script></body></html>`);
  const browser = await chromium.launch({ executablePath: process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx keeps function names with a helper the page does not have.
    await tab.addInitScript({ content: 'window.__name = (f) => f;' });
    await tab.addInitScript((n) => ((window as unknown as { __fakeHostParams: unknown }).__fakeHostParams = { rows: n }), rows);
    await tab.addInitScript({ path: path.join(root, 'test', 'web', 'fakeHost.js') });
    await tab.goto(pathToFileURL(page).href);
    await tab.locator('.grid-row:not(.loading)').first().waitFor();
    const result = await tab.evaluate(
      () =>
        new Promise<{ work: number[]; intervals: number[] }>((resolve) => {
          const viewport = document.querySelector<HTMLElement>('.grid-viewport')!;
          const work: number[] = [];
          const intervals: number[] = [];
          let last = performance.now();
          let frame = 0;
          const step = (now: number) => {
            intervals.push(now - last);
            last = now;
            const t0 = performance.now();
            // Alternate small steps and big jumps: wheel scrolling and dragging the scrollbar.
            viewport.scrollTop = frame % 10 === 0 ? Math.random() * viewport.scrollHeight : viewport.scrollTop + 240;
            viewport.dispatchEvent(new Event('scroll'));
            void viewport.querySelector('.grid-row')?.getBoundingClientRect();
            work.push(performance.now() - t0);
            if (++frame < 600) requestAnimationFrame(step);
            else resolve({ work, intervals: intervals.slice(1) });
          };
          requestAnimationFrame(step);
        }),
    );
    const p = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
    process.stdout.write(JSON.stringify({ rows, frames: result.work.length, workP95Ms: p(result.work, 0.95), workMaxMs: Math.max(...result.work), intervalP95Ms: p(result.intervals, 0.95), domRows: await tab.locator('.grid-row').count() }) + '\n');
  } finally {
    await browser.close();
  }
}

void main();
