/** One metric across experiments in time order (x = order of recording): a line through the points, baselines marked. */
import { CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { metricAxisRange } from '../../../src/core/experiments/axisRange';
import { formatMetricValue } from '../../../src/core/experiments/format';
import type { LoggedExperiment } from '../../../src/protocol/experiments';
import { chartColors } from '../../shared/chartTheme';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

export class MetricChart {
  private chart: Chart | undefined;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  /** Plots `metric` for `experiments` (already in time order); those without it are left out. */
  render(experiments: readonly LoggedExperiment[], metric: string): number {
    const points = experiments.filter((e) => metric in e.metrics);
    // The axis spans at least what sampling noise on these datasets' sizes could move the metric.
    const sizes = points.map((e) => e.data.rows).filter((n): n is number => typeof n === 'number' && n > 0);
    const range = metricAxisRange(points.map((e) => e.metrics[metric]), sizes.length ? Math.min(...sizes) : null);
    const colors = chartColors();
    const baseline = colors.series[1];
    this.chart?.destroy();
    this.chart = new Chart(this.canvas, {
      type: 'line',
      data: {
        labels: points.map((e) => e.name),
        datasets: [
          {
            label: metric,
            data: points.map((e) => e.metrics[metric]),
            borderColor: colors.series[0],
            backgroundColor: points.map((e) => (e.baseline !== 'none' ? baseline : colors.series[0])),
            pointBorderColor: points.map((e) => (e.baseline !== 'none' ? baseline : colors.series[0])),
            pointStyle: points.map((e) => (e.baseline !== 'none' ? 'rectRot' : 'circle')),
            pointRadius: points.map((e) => (e.baseline !== 'none' ? 6 : 4)),
            borderWidth: 2,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          tooltip: {
            callbacks: {
              label: (c) => {
                const e = points[c.dataIndex];
                return `${metric} ${formatMetricValue(Number(c.raw))}${e.baseline !== 'none' ? ` (${e.baseline} baseline)` : ''}`;
              },
            },
          },
        },
        scales: {
          x: { title: { display: true, text: 'experiments, in the order they were recorded', color: colors.foreground }, ticks: { color: colors.foreground, autoSkip: true, maxRotation: 30 }, grid: { display: false } },
          y: { min: range?.min, max: range?.max, title: { display: true, text: metric, color: colors.foreground }, ticks: { color: colors.foreground }, grid: { color: colors.grid } },
        },
      },
    });
    return points.length;
  }
}
