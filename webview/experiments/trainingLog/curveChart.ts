/** Training curves: one line per chosen series over the step axis; with smoothing, the raw line stays faint behind. */
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { smoothSeries, type SeriesMap } from '../../../src/core/experiments/trainingLog';
import { formatMetricValue } from '../../../src/core/experiments/format';
import { chartColors } from '../../shared/chartTheme';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

export class CurveChart {
  private chart: Chart<'line', { x: number; y: number }[]> | undefined;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  render(series: SeriesMap, shown: readonly string[], smoothing: number): void {
    const colors = chartColors();
    const datasets = shown.flatMap((name) => {
      const color = colors.series[Object.keys(series).indexOf(name) % colors.series.length];
      const raw = (series[name] ?? []).filter((p) => Number.isFinite(p.value)).map((p) => ({ x: p.step, y: p.value }));
      if (smoothing === 0) return [{ label: name, data: raw, borderColor: color, backgroundColor: color, pointRadius: raw.length > 60 ? 0 : 2, borderWidth: 2 }];
      const smooth = smoothSeries(series[name] ?? [], smoothing).map((p) => ({ x: p.step, y: p.value }));
      return [
        { label: name, data: smooth, borderColor: color, backgroundColor: color, pointRadius: 0, borderWidth: 2 },
        { label: `${name} (raw)`, data: raw, borderColor: withAlpha(color, 0.3), backgroundColor: withAlpha(color, 0.3), pointRadius: 0, borderWidth: 1 },
      ];
    });
    if (this.chart && this.chart.data.datasets.length === datasets.length && this.sameLabels(datasets.map((d) => d.label))) {
      // Appended points: update the data in place, so a live chart does not flicker.
      datasets.forEach((d, i) => Object.assign(this.chart!.data.datasets[i], d));
      this.chart.update('none');
      return;
    }
    this.chart?.destroy();
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
          x: { type: 'linear', title: { display: true, text: 'step', color: colors.foreground }, ticks: { color: colors.foreground, precision: 0 }, grid: { color: colors.grid } },
          y: { ticks: { color: colors.foreground }, grid: { color: colors.grid } },
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
}

/** `#rrggbb` (or `#rgb`) with an alpha; other colour syntaxes are returned as they are. */
function withAlpha(color: string, alpha: number): string {
  const hex = color.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex.slice(0, 6);
  if (!/^[0-9a-f]{6}$/i.test(full)) return color;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
