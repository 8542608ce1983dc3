/**
 * The y-axis range of a metric across experiments, chosen so that noise does not look like
 * progress. Chart libraries fit the axis to the data: two runs at 0.891238 and 0.891256 then
 * fill the chart top to bottom. Here the axis spans at least what sampling noise alone could
 * move the metric: for a metric in [0, 1] measured on n examples, four standard errors of a
 * proportion (±2 SE around the mean), and never less than 0.02; for other metrics (losses,
 * counts), 2 % of their size. A difference smaller than that span stays visibly small.
 */
export interface AxisRange {
  min: number;
  max: number;
  /** The smallest span the axis was allowed: differences below it are within the noise. */
  noiseSpan: number;
}

const MIN_UNIT_SPAN = 0.02;
const RELATIVE_SPAN = 0.02;

export function metricAxisRange(values: readonly number[], examples?: number | null): AxisRange | undefined {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return undefined;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const unit = lo >= 0 && hi <= 1;
  let noiseSpan: number;
  if (unit) {
    const p = Math.min(0.99, Math.max(0.01, mean));
    const standardError = examples && examples > 0 ? Math.sqrt((p * (1 - p)) / examples) : 0;
    noiseSpan = Math.max(MIN_UNIT_SPAN, 4 * standardError);
  } else {
    noiseSpan = Math.max(Math.abs(mean) * RELATIVE_SPAN, Number.EPSILON);
  }
  const span = Math.max(hi - lo, noiseSpan);
  // A margin of 10 % of the span on each side keeps the extreme points off the frame.
  const margin = span * 0.1;
  let min = (lo + hi) / 2 - span / 2 - margin;
  let max = (lo + hi) / 2 + span / 2 + margin;
  if (unit) {
    if (min < 0) [min, max] = [0, Math.min(1, max - min)];
    if (max > 1) [min, max] = [Math.max(0, min - (max - 1)), 1];
  }
  return { min, max, noiseSpan };
}
