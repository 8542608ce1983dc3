/** Training curves: one line per chosen series over the step axis; with smoothing, the raw line stays faint behind. */
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { seriesAxis, smoothSeries, type SeriesMap } from '../../../src/core/experiments/trainingLog';
import { formatMetricValue } from '../../../src/core/experiments/format';
import { chartColors } from '../../shared/chartTheme';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

export class CurveChart {
  private chart: Chart<'line', { x: number; y: number }[]> | undefined;
  private stepName = '';

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /**
   * Losses and other values on the left axis, fitted to them; accuracy and other shares on a
   * right axis from 0 to 1; the x-axis named as the log counts (`stepName`: epoch, step…).
   */
  render(series: SeriesMap, shown: readonly string[], smoothing: number, stepName = 'step'): void {
    const colors = chartColors();
    const datasets = shown.flatMap((name) => {
      const color = colors.series[Object.keys(series).indexOf(name) % colors.series.length];
      const yAxisID = seriesAxis(name, series[name] ?? []);
      const raw = (series[name] ?? []).filter((p) => Number.isFinite(p.value)).map((p) => ({ x: p.step, y: p.value }));
      if (smoothing === 0) return [{ label: name, data: raw, yAxisID, borderColor: color, backgroundColor: color, pointRadius: raw.length > 60 ? 0 : 2, borderWidth: 2 }];
      const smooth = smoothSeries(series[name] ?? [], smoothing).map((p) => ({ x: p.step, y: p.value }));
      return [
        { label: name, data: smooth, yAxisID, borderColor: color, backgroundColor: color, pointRadius: 0, borderWidth: 2 },
        { label: `${name} (raw)`, data: raw, yAxisID, borderColor: withAlpha(color, 0.3), backgroundColor: withAlpha(color, 0.3), pointRadius: 0, borderWidth: 1 },
      ];
    });
    // What the chart shows, for tests and screen readers: the x label and the series on each axis.
    const on = (axis: string) => [...new Set(datasets.filter((d) => d.yAxisID === axis && !d.label.endsWith('(raw)')).map((d) => d.label))];
    this.canvas.dataset.xAxis = stepName;
    this.canvas.dataset.leftAxis = on('value').join(',');
    this.canvas.dataset.rightAxis = on('share').join(',');
    this.canvas.setAttribute('aria-label', `Training curves by ${stepName}: ${[...on('value'), ...on('share')].join(', ')}`);
    if (this.chart && this.stepName === stepName && this.chart.data.datasets.length === datasets.length && this.sameLabels(datasets.map((d) => d.label)) && this.sameAxes(datasets.map((d) => d.yAxisID))) {
      // Appended points: update the data in place, so a live chart does not flicker.
      datasets.forEach((d, i) => Object.assign(this.chart!.data.datasets[i], d));
      this.chart.update('none');
      return;
    }
    this.chart?.destroy();
    this.stepName = stepName;
    const left = on('value');
    const right = on('share');
    this.chart = new Chart(this.canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        plugins: {
          legend: { labels: { color: colors.foreground, filter: (item) => !item.text.endsWith('(raw)') } },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatMetricValue(Number((c.raw as { y: number }).y))}` } },
        },
        scales: {
          x: { type: 'linear', title: { display: true, text: stepName, color: colors.foreground }, ticks: { color: colors.foreground, precision: 0 }, grid: { color: colors.grid } },
          value: { type: 'linear', position: 'left', display: left.length > 0, title: { display: true, text: axisTitle(left, 'value'), color: colors.foreground }, ticks: { color: colors.foreground }, grid: { color: colors.grid } },
          share: {
            type: 'linear',
            position: 'right',
            display: right.length > 0,
            min: 0,
            max: 1,
            title: { display: true, text: axisTitle(right, 'share (0–1)'), color: colors.foreground },
            ticks: { color: colors.foreground },
            // One grid is enough: the left axis draws it (or this one, when it is alone).
            grid: { color: colors.grid, drawOnChartArea: left.length === 0 },
          },
        },
      },
    });
  }

  /** Colours follow the theme: rebuild on the next render. */
  reset(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  private sameLabels(labels: (string | undefined)[]): boolean {
    return this.chart!.data.datasets.every((d, i) => d.label === labels[i]);
  }

  private sameAxes(axes: string[]): boolean {
    return this.chart!.data.datasets.every((d, i) => (d as { yAxisID?: string }).yAxisID === axes[i]);
  }
}

/** An axis named by its series when they are few ("loss, val_loss"), else by what they are. */
function axisTitle(names: readonly string[], what: string): string {
  return names.length > 0 && names.length <= 2 ? names.join(', ') : what;
}

/** `#rrggbb` (or `#rgb`) with an alpha; other colour syntaxes are returned as they are. */
function withAlpha(color: string, alpha: number): string {
  const hex = color.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex.slice(0, 6);
  if (!/^[0-9a-f]{6}$/i.test(full)) return color;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
