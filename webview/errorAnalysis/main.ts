/** The Error Analysis view: one row per tag with every input of the ranking, a chart of potential gain, what to do next. */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import type { TagAnalysis } from '../../src/core/errorAnalysis/analyzeTags';
import type { TagRow } from '../../src/core/errorAnalysis/tagMetrics';
import { formatPoints } from '../../src/core/metrics/units';
import type { ErrorAnalysisToHost, HostToErrorAnalysis } from '../../src/protocol/errorAnalysis';
import { button, textField } from '../shared/controls';
import { chartColors, onThemeChange } from '../shared/chartTheme';
import { el, formatCount, formatPercent as pct } from '../shared/dom';
import { fittedTable } from '../shared/fitTable';
import { problemBannerElement, renderProblemBanner } from '../shared/problemBanner';
import { connectToHost } from '../shared/vscodeApi';
import { counted } from '../../src/core/plural';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const host = connectToHost<HostToErrorAnalysis, ErrorAnalysisToHost, Record<string, never>>();
const title = el('h2', { className: 'title', text: 'Error Analysis' });
const banner = problemBannerElement();
const summary = el('div', { className: 'summary' });
const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': 'Potential gain by tag' } });
const chartBox = el('div', { className: 'chart-box' }, [canvas]);
const table = el('table', { className: 'data-table tag-table' });
const fitted = fittedTable(table);
const next = el('section', { className: 'next' });
const legend = el('p', {
  className: 'legend',
  text: 'Share of errors = errors with the tag ÷ all errors. Error rate = errors with the tag ÷ examples with the tag. Share of data = examples with the tag ÷ all examples. Gap = max(0, HLP − accuracy). Potential gain = gap × share of data: the most overall accuracy that fixing the tag could add. Priority = potential gain × ease × importance. HLP comes from the labelers in the file (leave-one-out agreement) or is set by hand.',
});
const empty = el('div', { className: 'empty-state' });
document.getElementById('app')!.append(title, banner, summary, empty, chartBox, fitted.box, next, legend);
let chart: Chart | undefined;
let last: Extract<HostToErrorAnalysis, { type: 'analysis' }> | undefined;

host.onMessage((message) => {
  if (message.type === 'unavailable') {
    for (const e of [banner, chartBox, fitted.box, next, legend]) e.hidden = true;
    empty.hidden = false;
    empty.textContent = message.message;
    return;
  }
  last = message;
  render(message);
});

onThemeChange(() => last && renderChart(last.analysis));

function render(message: Extract<HostToErrorAnalysis, { type: 'analysis' }>): void {
  const a = message.analysis;
  for (const e of [chartBox, fitted.box, next, legend]) e.hidden = false;
  empty.hidden = a.errors > 0 || a.tags.length > 0;
  empty.textContent = 'No errors: every example with a label and a prediction is predicted right.';
  title.textContent = `Error Analysis · ${message.fileName}`;
  renderProblemBanner(banner, message.fileName, message.problems, message.analysis.warnings);
  summary.textContent = [
    `${formatCount(a.total)} examples`,
    `${formatCount(a.errors)} errors`,
    `accuracy ${pct(a.accuracy)}`,
    a.overallHlp === null ? 'no labelers: set HLP per tag by hand' : `labeler HLP ${pct(a.overallHlp)}`,
    `tagged ${formatCount(message.tagged.tagged)} of ${formatCount(message.tagged.errors)} errors`,
  ].join(' · ');
  renderTable(a, message.hasLabelers);
  renderChart(a);
  renderNext(a);
}


/** Name, tooltip and fold rank (1 folds first when the panel is narrow; none: always shown). */
const COLUMNS: [string, string, number?][] = [
  ['Tag', 'Click to see these examples in the table'],
  ['Examples', 'Examples with the tag (|T|)', 5],
  ['Errors', 'Misclassified examples with the tag (|E ∩ T|)'],
  ['Share of errors', '|E ∩ T| / |E|'],
  ['Error rate', '|E ∩ T| / |T| (= 1 − accuracy)', 1],
  ['Share of data', '|T| / |D|', 2],
  ['Accuracy', '1 − error rate (hover: its 95% Wilson interval)'],
  ['HLP', 'Human-level accuracy on the tag', 7],
  ['Gap to HLP', 'max(0, HLP − accuracy), in points of accuracy', 6],
  ['Potential gain', 'gap × share of data, in points of accuracy', 8],
  ['Ease', 'How easy it is to improve (weight, default 1)', 4],
  ['Importance', 'How much it matters (weight, default 1)', 3],
  ['Priority', 'potential gain × ease × importance, in points of accuracy'],
  ['', ''],
];

function renderTable(a: TagAnalysis, hasLabelers: boolean): void {
  const head = el('tr', {}, COLUMNS.map(([name, tip, fold]) => el('th', { text: name, title: tip, attrs: fold === undefined ? {} : { 'data-fold': String(fold) } })));
  const rows = a.tags.map((t) => {
    const name = el('a', { className: 'tag-link', text: t.tag ?? '(untagged)', title: t.tag === null ? 'Show the untagged errors' : `Show the examples tagged "${t.tag}"`, attrs: { href: '#', role: 'button' } });
    name.addEventListener('click', (event) => {
      event.preventDefault();
      host.post({ type: 'showTag', tag: t.tag });
    });
    const cells = [
      el('td', { className: 'tag-cell' }, [name]),
      num(formatCount(t.count)),
      num(formatCount(t.errors)),
      num(pct(t.shareOfErrors)),
      num(pct(t.errorRateInTag)),
      num(pct(t.shareOfData)),
      accuracyCell(t),
      t.tag !== null && !hasLabelers ? weightCell(t, 'hlp') : num(`${pct(t.hlp)}${t.hlpSource === 'manual' ? ' (set)' : ''}`),
      num(formatPoints(t.gapToHlp)),
      num(formatPoints(t.potentialGain)),
      t.tag === null ? num('—') : weightCell(t, 'ease'),
      t.tag === null ? num('—') : weightCell(t, 'importance'),
      num(formatPoints(t.priority)),
      el('td', { className: 'row-actions' }, t.tag === null ? [] : [iconAction('export', `Export the examples tagged "${t.tag}" as CSV (for collection or relabeling)`, () => host.post({ type: 'exportTag', tag: t.tag! })), iconAction('edit', `Rename "${t.tag}"`, () => host.post({ type: 'renameTag', tag: t.tag! })), iconAction('merge', `Merge "${t.tag}" into another tag`, () => host.post({ type: 'mergeTag', tag: t.tag! })), iconAction('trash', `Delete "${t.tag}" from every example`, () => host.post({ type: 'deleteTag', tag: t.tag! }))]),
    ];
    return el('tr', { className: t.tag === null ? 'untagged' : '' }, cells);
  });
  table.replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
  fitted.refit();
}

/** Accuracy with its 95% Wilson interval; few examples get a visible "small n" mark. */
function accuracyCell(t: TagRow): HTMLElement {
  const interval = t.accuracyInterval ? `95% interval ${pct(t.accuracyInterval.lower)}–${pct(t.accuracyInterval.upper)} on ${counted(t.count, 'example')}` : '';
  const cell = el('td', { className: 'num accuracy', title: interval }, [el('span', { text: pct(t.accuracy) })]);
  if (t.smallSample && t.count > 0) cell.append(el('span', { className: 'small-sample', text: ' small n', title: interval, attrs: { 'aria-label': `small sample: ${interval}` } }));
  return cell;
}

function num(text: string): HTMLElement {
  return el('td', { className: 'num', text });
}

function weightCell(t: TagRow, field: 'ease' | 'importance' | 'hlp'): HTMLElement {
  const input = textField(field === 'hlp' ? '0..1' : '1', `${field} of ${t.tag}`);
  input.classList.add('weight');
  input.value = field === 'hlp' ? (t.hlpSource === 'manual' && t.hlp !== null ? String(t.hlp) : '') : String(t[field]);
  input.addEventListener('change', () => {
    const text = input.value.trim();
    const value = text === '' ? null : Number(text);
    if (value !== null && (!Number.isFinite(value) || value < 0 || (field === 'hlp' && value > 1))) {
      input.setAttribute('invalid', '');
      return;
    }
    input.removeAttribute('invalid');
    host.post({ type: 'setWeight', tag: t.tag!, field, value });
  });
  return el('td', { className: 'num' }, [input]);
}

function iconAction(icon: string, title: string, run: () => void): HTMLElement {
  const b = el('span', { className: `icon-action codicon codicon-${icon}`, title, attrs: { role: 'button', tabindex: '0', 'aria-label': title } });
  b.addEventListener('click', run);
  b.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && run());
  return b;
}

function exportButton(tag: string): HTMLElement {
  const b = button('Export', { secondary: true, icon: 'export', title: `Export the examples tagged "${tag}" as CSV (for collection or relabeling)` });
  b.addEventListener('click', () => host.post({ type: 'exportTag', tag }));
  return b;
}

function renderChart(a: TagAnalysis): void {
  const rows = a.tags.filter((t) => t.potentialGain !== null);
  const colors = chartColors();
  const data = {
    labels: rows.map((t) => t.tag ?? '(untagged)'),
    datasets: [{ label: 'Potential gain (pts of accuracy)', data: rows.map((t) => (t.potentialGain ?? 0) * 100), backgroundColor: colors.series[0] }],
  };
  chartBox.hidden = rows.length === 0;
  if (chart) chart.destroy();
  chart = new Chart(canvas, {
    type: 'bar',
    data,
    options: {
      indexAxis: 'y',
      animation: false,
      maintainAspectRatio: false,
      plugins: { tooltip: { callbacks: { label: (c) => `${Number(c.raw).toFixed(2)} pts of accuracy` } } },
      scales: {
        x: { title: { display: true, text: 'potential gain (pts of accuracy)', color: colors.foreground }, ticks: { color: colors.foreground }, grid: { color: colors.grid } },
        y: { ticks: { color: colors.foreground }, grid: { display: false } },
      },
      onClick: (_event, elements) => {
        const index = elements[0]?.index;
        if (index !== undefined) host.post({ type: 'showTag', tag: rows[index].tag });
      },
    },
  });
  chartBox.style.height = `${Math.max(120, rows.length * 28 + 60)}px`;
}

const ACTIONS: Record<string, string> = {
  'fix-labels': 'Fix labels',
  'collect-data': 'Collect more data',
  augment: 'Augment',
  'at-human-level': 'At human level',
  'set-hlp': 'Set HLP',
  'tag-more': 'Tag more errors',
};

function renderNext(a: TagAnalysis): void {
  const items = a.suggestions.map((s) =>
    el('li', {}, [
      el('strong', { text: s.tag ?? '(untagged)' }),
      el('span', { className: 'action', text: ACTIONS[s.action] ?? s.action }),
      el('span', { text: s.why }),
      ...(s.caution ? [el('span', { className: 'caution', text: `⚠ ${s.caution}` })] : []),
      ...(s.tag !== null ? [exportButton(s.tag)] : []),
    ]),
  );
  next.replaceChildren(el('h3', { text: 'What to do next' }), items.length ? el('ol', {}, items) : el('p', { text: 'Tag some misclassified examples first (t in the table).' }));
}

host.post({ type: 'ready' });
