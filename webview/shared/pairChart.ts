/** Grouped bars of two or more series over the same labels (shares, with counts in the tooltip), in theme colours. */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { chartColors } from './chartTheme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface Series {
  label: string;
  counts: number[];
}

/** Draws the series as shares of each series' total (so files or splits of different sizes compare). */
export function drawShareBars(canvas: HTMLCanvasElement, labels: string[], series: Series[], options: { histogram?: boolean; xTitle?: string } = {}): Chart {
  const colors = chartColors();
  const totals = series.map((s) => s.counts.reduce((a, b) => a + b, 0));
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s, i) => ({
        label: s.label,
        data: s.counts.map((n) => (totals[i] === 0 ? 0 : (n / totals[i]) * 100)),
        backgroundColor: colors.series[i % colors.series.length],
        categoryPercentage: options.histogram ? 0.95 : 0.8,
        barPercentage: options.histogram ? 1 : 0.9,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: {
        legend: { labels: { color: colors.foreground } },
        tooltip: { callbacks: { label: (c) => `${series[c.datasetIndex].label}: ${series[c.datasetIndex].counts[c.dataIndex].toLocaleString('en-US')} (${Number(c.raw).toFixed(1)}%)` } },
      },
      scales: {
        x: { title: { display: options.xTitle !== undefined, text: options.xTitle ?? '', color: colors.foreground }, ticks: { color: colors.foreground, autoSkip: true, maxRotation: 45 }, grid: { display: false } },
        y: { title: { display: true, text: 'share (%)', color: colors.foreground }, ticks: { color: colors.foreground }, grid: { color: colors.grid }, beginAtZero: true },
      },
    },
  });
}
