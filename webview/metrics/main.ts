/** The Metrics view: confusion matrix, per-class metrics, binary threshold and PR curve, slice audit. */
import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, ScatterController, Tooltip } from 'chart.js';
import type { SliceReport } from '../../src/core/audit/auditReport';
import type { BinaryMetrics, ModelMetrics } from '../../src/core/audit/modelMetrics';
import { describeLeftOutScores, type MetricsWithScoreCells } from '../../src/core/audit/scoreCells';
import type { ThresholdMetrics } from '../../src/core/metrics/ranking';
import { sliceNote } from '../../src/core/metrics/slices';
import { formatPoints } from '../../src/core/metrics/units';
import type { HostToMetrics, MetricsToHost, SliceColumnChoice } from '../../src/protocol/metrics';
import { button, checkbox, select, textField } from '../shared/controls';
import { chartColors, onThemeChange, themeColor } from '../shared/chartTheme';
import { el, formatCount, formatFixed3 as f3, formatPercent as pct } from '../shared/dom';
import { fittedTable } from '../shared/fitTable';
import { problemBannerElement, renderProblemBanner } from '../shared/problemBanner';
import { connectToHost } from '../shared/vscodeApi';

Chart.register(LineController, LineElement, PointElement, ScatterController, LinearScale, CategoryScale, Tooltip);

const host = connectToHost<HostToMetrics, MetricsToHost, { normalized?: boolean }>();
const ui = { normalized: host.getState().normalized ?? false };
const title = el('h2', { className: 'title', text: 'Metrics' });
const banner = problemBannerElement();
const summary = el('div', { className: 'summary' });
const empty = el('div', { className: 'empty-state' });
const normalizedToggle = checkbox('Row-normalized', 'Show each row as shares of its label (recall on the diagonal)');
const auditButton = button('Audit Dataset…', { secondary: true, icon: 'checklist', title: 'Write a markdown audit report (reports/)' });
const confusionBox = el('div', { className: 'confusion-box' });
const classTable = el('table', { className: 'data-table' });
const classFit = fittedTable(classTable);
const binaryBox = el('section', { className: 'binary' });
const slicesBox = el('section', { className: 'slices' });
document.getElementById('app')!.append(
  title,
  banner,
  summary,
  empty,
  el('div', { className: 'toolbar-row' }, [el('h3', { text: 'Confusion matrix' }), normalizedToggle, el('span', { className: 'hint', text: 'Rows are labels, columns predictions; click a cell to see those rows.' }), auditButton]),
  confusionBox,
  el('h3', { text: 'Per class' }),
  classFit.box,
  binaryBox,
  slicesBox,
);
normalizedToggle.checked = ui.normalized;
normalizedToggle.addEventListener('change', () => {
  ui.normalized = normalizedToggle.checked;
  host.setState({ normalized: ui.normalized });
  if (metrics) renderConfusion(metrics);
});
auditButton.addEventListener('click', () => host.post({ type: 'audit' }));

let metrics: MetricsWithScoreCells | undefined;
let chart: Chart | undefined;

host.onMessage((message) => {
  switch (message.type) {
    case 'unavailable':
      banner.hidden = true;
      empty.hidden = false;
      empty.textContent = message.message;
      return;
    case 'metrics':
      empty.hidden = true;
      metrics = message.metrics;
      title.textContent = `Metrics · ${message.fileName}`;
      renderProblemBanner(banner, message.fileName, message.problems, message.metrics.warnings);
      renderSummary(message.metrics);
      renderConfusion(message.metrics);
      renderClasses(message.metrics);
      renderBinary(message.metrics, message.positiveChoices);
      return;
    case 'threshold':
      renderThreshold(message.atThreshold);
      return;
    case 'slices':
      renderSlices(message.report, message.columns, message.pairs);
      return;
  }
});

onThemeChange(() => metrics && (renderConfusion(metrics), renderBinary(metrics, metrics.binary ? metrics.labels : [])));



function renderSummary(m: ModelMetrics): void {
  summary.textContent = [
    `${formatCount(m.n)} examples with a label and a prediction${m.skipped ? ` (${formatCount(m.skipped)} without, left out)` : ''}`,
    `accuracy ${pct(m.accuracy)}`,
    `macro F1 ${f3(m.macro.f1)}`,
    `weighted F1 ${f3(m.weighted.f1)}`,
    `${m.labels.length} classes`,
  ].join(' · ');
}

function renderConfusion(m: ModelMetrics): void {
  const k = m.labels.length;
  const accent = themeColor('--vscode-charts-blue', '#3794ff');
  const head = el('tr', {}, [el('th', { text: 'label \\ prediction' }), ...m.labels.map((l) => el('th', { className: 'num', text: l }))]);
  const rows = m.labels.map((label, i) => {
    const total = m.confusion[i].reduce((a, b) => a + b, 0);
    const cells = m.confusion[i].map((count, j) => {
      const share = total > 0 ? count / total : 0;
      const cell = el('td', {
        className: `cell-heat${i === j ? ' diagonal' : ''}`,
        text: ui.normalized ? (total > 0 ? share.toFixed(2) : '—') : formatCount(count),
        title: `label ${label}, predicted ${m.labels[j]}: ${formatCount(count)} (${pct(share)} of the label's rows)`,
        attrs: { role: 'button', tabindex: '0' },
      });
      // Cell shade from the theme's accent, by share of the row (CSSOM: allowed by the CSP).
      cell.style.background = `color-mix(in srgb, ${accent} ${Math.round(share * 70)}%, transparent)`;
      const open = () => host.post({ type: 'showCell', label, prediction: m.labels[j] });
      cell.addEventListener('click', open);
      cell.addEventListener('keydown', (e) => e.key === 'Enter' && open());
      return cell;
    });
    return el('tr', {}, [el('th', { text: label }), ...cells]);
  });
  confusionBox.replaceChildren(el('table', { className: 'data-table confusion', attrs: { 'aria-label': `Confusion matrix, ${k} classes` } }, [el('thead', {}, [head]), el('tbody', {}, rows)]));
}

function flagged(value: number, zero: boolean): HTMLElement {
  return el('td', { className: 'num', text: `${f3(value)}${zero ? ' ⚠' : ''}`, title: zero ? 'A division by zero, reported as 0 (as scikit-learn with zero_division=0)' : '' });
}

function renderClasses(m: ModelMetrics): void {
  const head = el('tr', {}, ['class', 'precision', 'recall', 'F1', 'support'].map((h, i) => el('th', { className: i ? 'num' : '', text: h })));
  const rows = m.perClass.map((c) => el('tr', {}, [el('td', { text: c.label }), flagged(c.precision, c.zeroDivision.precision), flagged(c.recall, c.zeroDivision.recall), flagged(c.f1, c.zeroDivision.f1), el('td', { className: 'num', text: formatCount(c.support) })]));
  const avg = (name: string, a: ModelMetrics['macro']) => el('tr', { className: 'average' }, [el('td', { text: name }), flagged(a.precision, a.zeroDivision.precision), flagged(a.recall, a.zeroDivision.recall), flagged(a.f1, a.zeroDivision.f1), el('td', { className: 'num', text: formatCount(a.support) })]);
  const accuracy = el('tr', { className: 'average' }, [el('td', { text: 'accuracy' }), el('td'), el('td'), el('td', { className: 'num', text: f3(m.accuracy) }), el('td', { className: 'num', text: formatCount(m.n) })]);
  classTable.replaceChildren(el('thead', {}, [head]), el('tbody', {}, [...rows, accuracy, avg('micro avg', m.micro), avg('macro avg', m.macro), avg('weighted avg', m.weighted)]));
  classFit.refit();
}

const thresholdText = el('span', { className: 'threshold-value' });
const thresholdMetrics = el('span', { className: 'summary' });

function renderBinary(m: MetricsWithScoreCells, choices: string[]): void {
  const b = m.binary;
  binaryBox.hidden = !b;
  if (!b) return;
  const positive = select(choices.map((c) => ({ value: c, label: c })), b.positive, 'Positive class');
  positive.addEventListener('change', () => host.post({ type: 'setPositive', positive: positive.value }));
  // Probabilities slide over 0..1; other scores (logits, distances) over their own range.
  const finite = b.curve.thresholds.filter(Number.isFinite);
  const lo = Math.min(0, ...finite);
  const hi = Math.max(1, ...finite);
  const step = hi - lo <= 1 ? 0.01 : Number(((hi - lo) / 200).toPrecision(2));
  const show = (v: number) => (hi - lo <= 1 ? v.toFixed(2) : v.toPrecision(3));
  const slider = el('input', { attrs: { type: 'range', min: String(lo), max: String(hi), step: String(step), value: String(b.threshold), 'aria-label': 'Decision threshold' } });
  slider.addEventListener('input', () => {
    thresholdText.textContent = show(Number(slider.value));
    host.post({ type: 'setThreshold', threshold: Number(slider.value) });
  });
  thresholdText.textContent = show(b.threshold);
  const scoreText = b.scoreScale === 'logit' ? `score for ${b.positive} (${b.scoreColumn}) ≥` : `P(${b.positive}) ≥`;
  renderThreshold(b.atThreshold);
  const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': 'Precision-recall curve' } });
  const leftOut = describeLeftOutScores(m.scoreCells);
  binaryBox.replaceChildren(
    el('h3', { text: 'Threshold (binary)' }),
    el('div', { className: 'toolbar-row' }, [el('span', { text: 'Positive class' }), positive, el('span', { text: scoreText }), slider, thresholdText]),
    el('p', { className: 'hint reading', text: readingText(b) }),
    thresholdMetrics,
    el('p', { className: 'summary', text: rankingFacts(b) }),
    ...(leftOut ? [el('p', { className: 'summary score-cells', text: leftOut })] : []),
    el('div', { className: 'chart-box' }, [canvas]),
  );
  const colors = chartColors();
  chart?.destroy();
  chart = new Chart(canvas, {
    type: 'scatter',
    data: { datasets: [{ label: 'precision-recall', data: b.curve.recall.map((r, i) => ({ x: r, y: b.curve.precision[i] })), showLine: true, pointRadius: 0, borderColor: colors.series[0], borderWidth: 2 }] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { min: 0, max: 1, title: { display: true, text: 'recall', color: colors.foreground }, ticks: { color: colors.foreground }, grid: { color: colors.grid } },
        y: { min: 0, max: 1, title: { display: true, text: 'precision', color: colors.foreground }, ticks: { color: colors.foreground }, grid: { color: colors.grid } },
      },
    },
  });
}

/** How the positive class and the score were read (DOMAIN §1), in the words of `loupe metrics`. */
function readingText(b: BinaryMetrics): string {
  const positive = b.positiveChosenBy === 'given' ? `Positive class ${b.positive}, as chosen` : `Positive class ${b.positive}: the label's minority class (the default; choose another above)`;
  return `${positive}. Score: ${b.scoreReading}.`;
}

function rankingFacts(b: BinaryMetrics): string {
  return [
    `ROC AUC ${b.rocAuc === null ? `— (${b.rocAucReason})` : b.rocAuc.toFixed(4)}`,
    `average precision ${b.averagePrecision === null ? `— (${b.averagePrecisionReason})` : b.averagePrecision.toFixed(4)}`,
    `best F1 ${b.bestF1 === null ? '—' : b.bestF1.toFixed(4)} at threshold ${b.bestF1Threshold === null ? '—' : b.bestF1Threshold.toFixed(4)}`,
    `on ${formatCount(b.rankingRows)} rows with a label and a score (${formatCount(b.positives)} positive, ${formatCount(b.negatives)} negative)`,
  ].join(' · ');
}

function renderThreshold(t: ThresholdMetrics): void {
  thresholdMetrics.textContent = `precision ${f3(t.precision)} · recall ${f3(t.recall)} · F1 ${f3(t.f1)} · TP ${t.truePositives} · FP ${t.falsePositives} · FN ${t.falseNegatives} · TN ${t.trueNegatives}`;
}

/** Header, fold rank (1 folds first when the panel is narrow) and the name a folded column goes by. */
const SLICE_COLUMNS: [string, number?, string?][] = [['slice'], ['n'], ['accuracy'], ['95% interval', 2], ['macro F1', 1], ['Δ vs overall'], ['', undefined, 'flag'], ['note', 3]];
const sliceTable = el('table', { className: 'data-table slice-table' });
const sliceFit = fittedTable(sliceTable);

function renderSlices(report: SliceReport, columns: SliceColumnChoice[], pairs: boolean): void {
  const boxes = columns.map((c) => {
    const box = checkbox(c.name === 'tags' ? 'tags (one slice per tag)' : c.name);
    box.checked = c.selected;
    box.dataset.column = c.name;
    return box;
  });
  const pairsBox = checkbox('and pairs of columns');
  pairsBox.checked = pairs;
  const margin = textField('0.02', 'Margin');
  margin.value = String(report.margin);
  margin.classList.add('weight');
  const apply = () => {
    const m = Number(margin.value);
    host.post({ type: 'setSlices', columns: boxes.filter((b) => b.checked).map((b) => b.dataset.column!), pairs: pairsBox.checked, margin: Number.isFinite(m) && m >= 0 && m <= 1 ? m : 0.02 });
  };
  for (const b of [...boxes, pairsBox]) b.addEventListener('change', apply);
  margin.addEventListener('change', apply);
  const head = el('tr', {}, SLICE_COLUMNS.map(([h, fold, name], i) => el('th', { className: i && i < 6 ? 'num' : '', text: h, attrs: { ...(fold ? { 'data-fold': String(fold) } : {}), ...(name ? { 'data-name': name } : {}) } })));
  const rows = report.results.slice(0, 300).map((s) => {
    const name = s.key.map((k) => `${k.column} = ${k.value ?? '(empty)'}`).join(', ');
    const link = el('a', { className: 'link', text: name, attrs: { href: '#', role: 'button' } });
    link.addEventListener('click', (e) => {
      e.preventDefault();
      host.post({ type: 'showSlice', key: s.key });
    });
    return el('tr', { className: s.flagged ? 'flagged' : '' }, [
      el('td', { className: 'slice-name' }, [link]),
      el('td', { className: 'num', text: formatCount(s.n) }),
      el('td', { className: 'num', text: pct(s.accuracy) }),
      el('td', { className: 'num', text: `${pct(s.interval.lower)}–${pct(s.interval.upper)}` }),
      el('td', { className: 'num', text: f3(s.macroF1) }),
      el('td', { className: 'num', text: formatPoints(s.difference, 1, true) }),
      el('td', { className: 'slice-flag', text: s.flagged ? '⚠ flagged' : '' }),
      el('td', { className: 'slice-note', text: sliceNote(s) }),
    ]);
  });
  slicesBox.replaceChildren(
    el('h3', { text: 'Slices' }),
    el('div', { className: 'toolbar-row' }, [...boxes, pairsBox, el('span', { text: 'margin' }), margin]),
    el('p', {
      className: 'summary',
      text: `${report.flagged} flagged of ${report.results.length} slices. A slice is flagged when the upper bound of its 95% Wilson interval is below overall accuracy (${pct(report.overall.accuracy)}) minus the margin — so a handful of examples is not flagged as a crisis. Tags put only on misclassified examples are never flagged (0% by how they were chosen).`,
    }),
    sliceFit.box,
  );
  sliceTable.replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
  sliceFit.refit();
}

host.post({ type: 'ready' });
