/** The training-log curve viewer: choose series, smooth them, follow the file live, see skipped lines. */
import type { SeriesMap, TrainingLogProblem } from '../../../src/core/experiments/trainingLog';
import type { HostToTrainingLog, TrainingLogToHost } from '../../../src/protocol/trainingLog';
import { onThemeChange } from '../../shared/chartTheme';
import { checkbox, type Checkbox } from '../../shared/controls';
import { el, formatCount } from '../../shared/dom';
import { connectToHost } from '../../shared/vscodeApi';
import { CurveChart } from './curveChart';
import { counted } from '../../../src/core/plural';

interface UiState {
  hidden: string[];
  smoothing: number;
}

const FORMAT_NAMES: Record<string, string> = { 'keras-csv': 'Keras CSVLogger', 'lightning-csv': 'Lightning metrics.csv', csv: 'CSV', jsonl: 'JSON Lines' };
const host = connectToHost<HostToTrainingLog, TrainingLogToHost, UiState>();
const saved = host.getState();
const state = { hidden: new Set(saved.hidden ?? []), smoothing: saved.smoothing ?? 0 };
/** Keyed by series name (data): no prototype, so `constructor` or `__proto__` is just a series. */
const noSeries = (): SeriesMap => Object.create(null) as SeriesMap;
let series = noSeries();
let problems: TrainingLogProblem[] = [];
let stepName = 'step';

const title = el('h2', { className: 'title', text: 'Training Log' });
const summary = el('div', { className: 'summary', attrs: { 'aria-live': 'polite' } });
const failure = el('div', { className: 'banner warn', attrs: { role: 'alert' } });
const seriesBox = el('div', { className: 'series-list', attrs: { role: 'group', 'aria-label': 'Series to show' } });
const slider = el('input', { attrs: { type: 'range', min: '0', max: '0.99', step: '0.01', 'aria-label': 'Smoothing' } });
slider.value = String(state.smoothing);
const sliderValue = el('span', { className: 'slider-value', text: state.smoothing.toFixed(2) });
const controls = el('div', { className: 'toolbar-row' }, [el('label', { text: 'Smoothing', title: 'Exponential moving average, debiased (as TensorBoard); 0 = raw' }), slider, sliderValue]);
const empty = el('div', { className: 'empty-state', text: 'Waiting for complete lines… (a line counts once it ends with a newline)' });
const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': 'Training curves' } });
const chartBox = el('div', { className: 'chart-box tall' }, [canvas]);
const problemList = el('section', { className: 'problems' });
document.getElementById('app')!.append(title, summary, failure, controls, seriesBox, empty, chartBox, problemList);
failure.hidden = true;
const chart = new CurveChart(canvas);

slider.addEventListener('input', () => {
  state.smoothing = Number(slider.value);
  sliderValue.textContent = state.smoothing.toFixed(2);
  persist();
  chart.reset();
  renderChart();
});
onThemeChange(() => {
  chart.reset();
  renderChart();
});

host.onMessage((message) => {
  switch (message.type) {
    case 'init':
      title.textContent = `Training Log · ${message.fileName}`;
      return;
    case 'update':
      failure.hidden = !message.notATrainingLog;
      failure.textContent = message.notATrainingLog ?? '';
      if (message.reset) {
        series = noSeries();
        problems = [];
      }
      for (const [name, points] of Object.entries(message.points)) (series[name] ??= []).push(...points);
      problems.push(...message.problems);
      if (message.notATrainingLog) {
        showNotALog();
        return;
      }
      controls.hidden = seriesBox.hidden = false;
      stepName = message.stepName ?? stepName;
      summary.textContent = `${message.format ? FORMAT_NAMES[message.format] : 'Format not known yet'} · ${formatCount(message.linesRead)} lines read · ${Object.keys(series).length} series · following the file as it grows`;
      renderSeriesList();
      renderChart();
      renderProblems();
      return;
    case 'failed':
      failure.hidden = false;
      failure.textContent = message.message;
      return;
  }
});

/** One message instead of a chart and a warning per row. */
function showNotALog(): void {
  summary.textContent = 'Not a training log';
  for (const part of [controls, seriesBox, empty, chartBox, problemList]) part.hidden = true;
}

function persist(): void {
  host.setState({ hidden: [...state.hidden], smoothing: state.smoothing });
}

function renderSeriesList(): void {
  const names = Object.keys(series);
  const existing = new Map([...seriesBox.querySelectorAll<Checkbox>('vscode-checkbox')].map((c) => [c.getAttribute('data-series') ?? '', c]));
  if (existing.size === names.length && names.every((n) => existing.has(n))) {
    for (const n of names) existing.get(n)!.setAttribute('label', `${n} (${series[n].length})`);
    return;
  }
  seriesBox.replaceChildren(
    ...names.map((name) => {
      const box = checkbox(`${name} (${series[name].length})`, `Show ${name}`);
      box.setAttribute('data-series', name);
      box.checked = !state.hidden.has(name);
      box.addEventListener('change', () => {
        if (box.checked) state.hidden.delete(name);
        else state.hidden.add(name);
        persist();
        renderChart();
      });
      return box;
    }),
  );
}

function renderChart(): void {
  const names = Object.keys(series);
  empty.hidden = names.length > 0;
  chartBox.hidden = names.length === 0;
  if (names.length > 0) chart.render(series, names.filter((n) => !state.hidden.has(n)), state.smoothing, stepName);
}

function renderProblems(): void {
  problemList.hidden = problems.length === 0;
  const items = problems.slice(0, 200).map((p) => el('li', { text: `Line ${p.line}: ${p.message}` }));
  if (problems.length > 200) items.push(el('li', { text: `… and ${problems.length - 200} more` }));
  problemList.replaceChildren(el('h3', { text: `${counted(problems.length, 'line')} skipped` }), el('ul', {}, items));
}

host.post({ type: 'ready' });
