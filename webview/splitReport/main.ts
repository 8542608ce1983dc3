/** The split report: sizes of the splits, class balance per split (counts and shares), warnings, and Save as Markdown. */
import type { Chart } from 'chart.js';
import { describeSplitMethod, type SplitReport } from '../../src/core/splits/splitReport';
import type { HostToSplitReport, SplitReportToHost } from '../../src/protocol/splitReport';
import { onThemeChange } from '../shared/chartTheme';
import { button } from '../shared/controls';
import { el, formatCount, formatPercent } from '../shared/dom';
import { drawShareBars } from '../shared/pairChart';
import { connectToHost } from '../shared/vscodeApi';

const host = connectToHost<HostToSplitReport, SplitReportToHost, Record<string, never>>();
const title = el('h2', { className: 'title', text: 'Split' });
const method = el('p', { className: 'summary' });
const saveButton = button('Save Report as Markdown…', { icon: 'save' });
const openButton = button('Open Split File', { secondary: true, icon: 'table' });
saveButton.addEventListener('click', () => host.post({ type: 'saveMarkdown' }));
openButton.addEventListener('click', () => host.post({ type: 'openOutput' }));
const warnings = el('section', { className: 'split-warnings' });
const sizes = el('table', { className: 'data-table split-sizes' });
const balanceBox = el('section', { className: 'class-balance' });
document.getElementById('app')!.append(title, method, el('div', { className: 'toolbar-row' }, [saveButton, openButton]), warnings, el('h3', { text: 'Splits' }), sizes, balanceBox);

let last: SplitReport | undefined;
let chart: Chart | undefined;

host.onMessage((message) => {
  if (message.type !== 'report') return;
  last = message.report;
  render(message.report);
});
onThemeChange(() => last && renderBalance(last));

function render(r: SplitReport): void {
  title.textContent = `Split · ${r.outputFile}`;
  method.textContent = describeSplitMethod(r);
  renderWarnings(r);
  const { names, counts, ratios } = r.summary;
  sizes.replaceChildren(
    el('thead', {}, [el('tr', {}, [el('th', { text: 'split' }), el('th', { className: 'num', text: 'rows' }), el('th', { className: 'num', text: 'share' })])]),
    el('tbody', {}, names.map((n) => el('tr', { attrs: { 'data-split': n } }, [el('td', { text: n }), el('td', { className: 'num', text: formatCount(counts[n]) }), el('td', { className: 'num', text: formatPercent(ratios[n]) })]))),
  );
  renderBalance(r);
}

function renderWarnings(r: SplitReport): void {
  const list = r.balance.warnings;
  warnings.hidden = list.length === 0;
  warnings.replaceChildren(
    el('h3', { text: `Warnings (${list.length})` }),
    el('p', { className: 'hint', text: 'A split with fewer than 10 examples of a class measures that class poorly: collect more examples of it, or give that split a larger share.' }),
    el('ul', {}, list.map((w) => el('li', { className: 'warn', text: `⚠ ${w.message}` }))),
  );
}

function renderBalance(r: SplitReport): void {
  chart?.destroy();
  chart = undefined;
  const { classes, counts } = r.balance;
  if (classes.length === 0) {
    balanceBox.replaceChildren(el('h3', { text: 'Class balance' }), el('p', { className: 'empty-state', text: 'The file has no label column, so class balance was not counted. Set a column\'s role to label in the table\'s Columns menu and split again.' }));
    return;
  }
  const names = r.summary.names;
  const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': 'Share of each class in each split' } });
  const box = el('div', { className: 'chart-box' }, [canvas]);
  const table = el('table', { className: 'data-table class-balance-table' }, [
    el('thead', {}, [el('tr', {}, [el('th', { text: 'class' }), ...names.map((n) => el('th', { className: 'num', text: n }))])]),
    el('tbody', {}, classes.map((c, i) => el('tr', { attrs: { 'data-class': c } }, [el('td', { text: c }), ...counts[i].map((n, j) => balanceCell(r, c, names[j], n))]))),
  ]);
  balanceBox.replaceChildren(el('h3', { text: `Class balance (${r.classColumn ?? 'label'})` }), el('p', { className: 'hint', text: 'Share of each split that has each class; equal bars mean the class ratios were kept.' }), box, table);
  requestAnimationFrame(() => {
    chart = drawShareBars(canvas, classes, names.map((n, j) => ({ label: n, counts: counts.map((row) => row[j]) })));
  });
}

function balanceCell(r: SplitReport, label: string, split: string, n: number): HTMLElement {
  const total = r.summary.counts[split];
  const few = r.balance.warnings.some((w) => w.split === split && w.label === label);
  return el('td', { className: few ? 'num warn' : 'num', text: `${formatCount(n)} (${formatPercent(total === 0 ? null : n / total)})`, title: few ? 'Fewer than 10 examples of this class in this split' : undefined });
}

host.post({ type: 'ready' });
