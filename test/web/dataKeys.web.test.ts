/** Names from data (classes, series, columns) that are also Object's keys, in headless Chromium against the built bundles. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAnswering, openWithFakeHost, writeTestPage } from './testPage';

let browser: Browser;

/** Opens a view's bundle with a fake host that answers `ready` with each message, parsed from JSON text so `__proto__` stays an own key. */
const openView = (script: string, css: string, messages: string[]): Promise<Page> => openAnswering(browser, { name: `${script}-keys`, script, styles: [css], messages });

const summary = {
  items: 4,
  labelers: ['ann', 'bob'],
  percentAgreement: 0.5,
  fleissKappa: 0.1,
  fleissItems: 4,
  fleissLabelsPerItem: 2,
  krippendorffAlpha: 0.1,
  alphaCI: [null, null],
  cohen: [{ a: 'ann', b: 'bob', kappa: 0.1, n: 4 }],
  ambiguousPairs: [
    { a: 'constructor', b: 'toString', rate: 0.5, count: 2, items: 2 },
    { a: '__proto__', b: 'cat', rate: 0.25, count: 1, items: 1 },
  ],
  perLabeler: [],
  hlp: 0.5,
};
const agreementMessage = (classNotes: string) =>
  `{"type":"agreement","fileName":"labels.csv","view":${JSON.stringify({ summary, categories: ['__proto__', 'cat', 'constructor', 'toString'], confusion: null, consensus: { labeled: 4, tied: 0, disagreements: 2 }, hlpBySlice: [] })},"classNotes":${classNotes},"ambiguousClass":null,"fixes":0,"source":null,"standalone":false,"problems":[]}`;

describe('data keys named like Object members', () => {
  before(async () => {
    browser = await launchChromium('agreement');
  });
  after(async () => browser?.close());

  it('Label Consistency: classes constructor and toString without notes have an empty definition; a note for __proto__ shows', async () => {
    const page = await openView('agreement', 'analysis.css', [agreementMessage('{"__proto__":"the odd one","cat":"a cat"}')]);
    const definitions = page.locator('vscode-textarea.definition');
    await definitions.nth(1).waitFor();
    assert.deepEqual(await definitions.evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)), ['', 'the odd one / a cat']);
    await page.close();
  });

  it('Training Log: series named constructor and __proto__ are listed and counted like any other', async () => {
    const update = '{"type":"update","reset":true,"points":{"constructor":[{"step":1,"value":0.5},{"step":2,"value":0.4}],"__proto__":[{"step":1,"value":0.9}],"loss":[{"step":1,"value":1}]},"problems":[],"format":"csv","linesRead":3}';
    const page = await openView('trainingLog', 'trainingLog.css', ['{"type":"init","fileName":"log.csv"}', update]);
    await page.locator('vscode-checkbox[data-series="loss"]').waitFor();
    const labels = await page.locator('vscode-checkbox[data-series]').evaluateAll((els) => els.map((e) => e.getAttribute('label')));
    assert.deepEqual(labels, ['constructor (2)', '__proto__ (1)', 'loss (1)']);
    assert.match((await page.locator('.summary').textContent()) ?? '', /3 lines read · 3 series/);
    await page.close();
  });

  it('Label table: the role chosen for a column named __proto__ is posted under its own key, with every other column\'s role', async () => {
    const columns = [
      { index: 0, name: 'id', role: 'id', kind: 'key' },
      { index: 1, name: '__proto__', role: 'other', kind: 'text' },
      { index: 2, name: 'label', role: 'label', kind: 'categorical' },
      { index: 3, name: 'prediction', role: 'prediction', kind: 'categorical' },
      { index: 4, name: 'constructor', role: 'score', kind: 'numeric' },
    ];
    const page = await openWithFakeHost(browser, writeTestPage('table-keys', 'table', ['table.css']), 'fakeHost.js', { columns }, { width: 1280, height: 720 });
    await page.locator('.grid-row:not(.loading)').first().waitFor();
    await page.locator('vscode-single-select[aria-label="Role of __proto__"]').evaluate((select) => {
      (select as HTMLSelectElement).value = 'input';
      select.dispatchEvent(new Event('change'));
    });
    const roles = await page.evaluate(() => {
      const message = (window as unknown as { __posted: { type: string; roles?: object }[] }).__posted.find((m) => m.type === 'changeSettings');
      return message?.roles ? Object.entries(message.roles) : null;
    });
    assert.deepEqual(roles, [['id', 'id'], ['__proto__', 'input'], ['label', 'label'], ['prediction', 'prediction'], ['constructor', 'score']]);
    await page.close();
  });
});
