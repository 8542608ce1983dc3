/**
 * The comparison of the selected experiments: params that differ, what changed in the data
 * and the code, and every metric (overall, per tag, per slice) with its delta against the
 * reference (the baseline, else the oldest), coloured by whether it got better or worse.
 */
import { compareExperiments, describePopulation, type DataDiff, type GroupComparison, type MetricRow, type ParamRow } from '../../../src/core/experiments/compare';
import { formatDelta, formatMetricValue } from '../../../src/core/experiments/format';
import type { LoggedExperiment } from '../../../src/protocol/experiments';
import { el } from '../../shared/dom';
import { paramText } from './logModel';

const OUTCOME_MARK: Record<string, string> = { better: '▲', worse: '▼', same: '=', missing: '', reference: '', 'different-population': '≠ examples' };

/** Renders the comparison of `ordered` (reference first) into `section`. */
export function renderComparison(section: HTMLElement, ordered: readonly LoggedExperiment[], onlyDiffering: boolean): void {
  if (ordered.length < 2) {
    section.replaceChildren(el('h3', { text: 'Comparison' }), el('p', { className: 'hint', text: 'Select two or more experiments (checkboxes or click a row) to compare their params, data and metrics.' }));
    return;
  }
  const c = compareExperiments(ordered, { onlyDifferingParams: onlyDiffering });
  const reference = ordered[0];
  const why = reference.baseline !== 'none' ? 'the baseline' : 'the oldest';
  const head = () =>
    el('thead', {}, [
      el('tr', {}, [
        el('th', { text: '' }),
        ...ordered.map((e, i) => el('th', { className: i === 0 ? 'num reference' : 'num', text: e.name, title: i === 0 ? `Reference (${why}): deltas are against it` : e.id })),
      ]),
    ]);
  const table = el('table', { className: 'data-table compare-table compare-main' }, [
    head(),
    sectionBody('Params', paramRows(c.params, ordered.length, onlyDiffering)),
    sectionBody('Data', dataRows(c.data)),
    sectionBody('Code', codeRows(ordered)),
    sectionBody('Metrics', metricRows(c.metrics, ordered.length, 'No metrics recorded')),
  ]);
  // Per-tag and per-slice tables can be long: each folds, per tag open (it says which data moved the metric).
  const groups = (title: string, comparisons: GroupComparison[], open: boolean) =>
    el('details', { className: 'compare-groups', attrs: open ? { open: '' } : {} }, [
      el('summary', { text: `${title} (${comparisons.length})` }),
      el('div', { className: 'table-scroll' }, [el('table', { className: 'data-table compare-table' }, [head(), el('tbody', {}, groupRows(comparisons, ordered.length))])]),
    ]);
  section.replaceChildren(
    el('h3', { text: `Comparing ${ordered.length} experiments` }),
    el('p', { className: 'hint', text: `Reference: "${reference.name}" (${why}). Deltas are against it; ▲ better, ▼ worse, read with each metric's direction (losses and errors: lower is better).` }),
    el('p', { className: 'data-summary', text: dataSummary(c.data) }),
    ...populationBanner([...c.perTag, ...c.perSlice]),
    el('div', { className: 'table-scroll' }, [table]),
    ...(c.perTag.length ? [groups('Per tag', c.perTag, true)] : []),
    ...(c.perSlice.length ? [groups('Per slice', c.perSlice, false)] : []),
  );
}

function sectionBody(title: string, rows: HTMLElement[]): HTMLElement {
  return el('tbody', { className: 'compare-section' }, [el('tr', { className: 'section-row' }, [el('th', { text: title, attrs: { colspan: '999', scope: 'rowgroup' } })]), ...rows]);
}

function paramRows(rows: ParamRow[], width: number, onlyDiffering: boolean): HTMLElement[] {
  if (rows.length === 0) return [emptyRow(onlyDiffering ? 'The params are the same' : 'No params recorded', width)];
  return rows.map((r) => el('tr', { className: r.differs ? 'differs' : '' }, [el('th', { className: 'row-label mono', text: r.key, attrs: { scope: 'row' } }), ...r.values.map((v) => el('td', { className: 'num mono', text: v === undefined ? '—' : paramText(v) }))]));
}

const DATA_LABELS: Record<string, string> = { path: 'Dataset', sha256: 'Content hash', rows: 'Rows', annotationsSha256: 'Annotations hash', labelFixes: 'Label fixes' };

function dataRows(data: DataDiff): HTMLElement[] {
  return data.rows.map((r) => {
    const cells = r.values.map((v, i) => {
      let text = v === null ? '—' : typeof v === 'number' ? v.toLocaleString('en-US') : r.field.endsWith('ha256') ? v.slice(0, 12) : v;
      const delta = r.field === 'rows' ? data.rowsDelta[i] : r.field === 'labelFixes' ? data.labelFixesDelta[i] : null;
      if (i > 0 && delta !== null && delta !== 0) text += ` (${delta > 0 ? '+' : '−'}${Math.abs(delta).toLocaleString('en-US')})`;
      return el('td', { className: 'num mono', text, title: typeof v === 'string' ? v : '' });
    });
    return el('tr', { className: r.differs ? 'differs' : '' }, [el('th', { className: 'row-label', text: DATA_LABELS[r.field], attrs: { scope: 'row' } }), ...cells]);
  });
}

function dataSummary(data: DataDiff): string {
  const dataset = data.sameDataset ? 'Same dataset content.' : data.rows[1].values.every((v) => v === null) ? 'No dataset hash recorded.' : 'The dataset content differs.';
  const annotations = data.sameAnnotations ? 'Same tags and label fixes.' : data.rows[3].values.every((v) => v === null) ? '' : 'The annotations (tags, label fixes) differ.';
  return [dataset, annotations].filter(Boolean).join(' ');
}

function codeRows(ordered: readonly LoggedExperiment[]): HTMLElement[] {
  const commits = ordered.map((e) => (e.code.gitAvailable ? (e.code.commit?.slice(0, 10) ?? 'no commit') : 'not recorded'));
  const dirty = ordered.map((e) => (e.code.dirty === null ? '—' : e.code.dirty ? 'yes' : 'no'));
  const row = (label: string, values: string[], titles: string[] = []) =>
    el('tr', { className: values.some((v) => v !== values[0]) ? 'differs' : '' }, [el('th', { className: 'row-label', text: label, attrs: { scope: 'row' } }), ...values.map((v, i) => el('td', { className: 'num mono', text: v, title: titles[i] ?? '' }))]);
  return [row('Commit', commits, ordered.map((e) => e.code.reason ?? e.code.branch ?? '')), row('Uncommitted changes', dirty)];
}

function metricRows(rows: MetricRow[], width: number, empty: string, prefix = ''): HTMLElement[] {
  if (rows.length === 0) return [emptyRow(empty, width)];
  return rows.map((r) =>
    el('tr', { className: 'metric-row' }, [
      el('th', { className: 'row-label', text: `${prefix}${r.name}`, title: r.direction === 'higher' ? 'Higher is better' : 'Lower is better', attrs: { scope: 'row' } }),
      ...r.values.map((v, i) => metricCell(r, v, i)),
    ]),
  );
}

function metricCell(r: MetricRow, value: number | undefined, i: number): HTMLElement {
  if (value === undefined) return el('td', { className: 'num muted', text: '—' });
  const outcome = r.outcomes[i];
  const delta = r.deltas[i];
  const cell = el('td', { className: `num outcome-${outcome}`, title: String(value) }, [el('span', { text: formatMetricValue(value) })]);
  if (i > 0 && delta !== undefined) {
    const label = outcome === 'better' ? 'better' : outcome === 'worse' ? 'worse' : outcome === 'different-population' ? 'on different examples, not comparable' : 'unchanged';
    cell.append(el('span', { className: 'delta', text: ` ${formatDelta(delta)} ${OUTCOME_MARK[outcome]}`, attrs: { 'aria-label': `${formatDelta(delta)}, ${label}` } }));
  }
  return cell;
}

function groupRows(groups: GroupComparison[], width: number): HTMLElement[] {
  return groups.flatMap((g) => [populationRow(g), ...metricRows(g.metrics, width, 'no metrics', `${g.group} · `)]);
}

/** The group's size in each record; flagged (with the reasons as its tooltip) when the populations differ. */
function populationRow(g: GroupComparison): HTMLElement {
  const flagged = g.population.reasons.length > 0;
  const why = describePopulation(g.population).join('; ');
  // ≠ marks sizes that differ; same sizes in another file or tag state are flagged by the note and the tooltip.
  const sizesDiffer = g.population.reasons.includes('different-n');
  return el('tr', { className: sizesDiffer ? 'population-row differs' : flagged ? 'population-row flagged' : 'population-row' }, [
    el('th', { className: 'row-label', text: `${g.group} · n`, title: flagged ? `Different populations: ${why}` : 'Examples the figures were computed on', attrs: { scope: 'row' } }),
    ...g.population.n.map((n) => el('td', { className: 'num mono', text: n === undefined ? '—' : n.toLocaleString('en-US'), title: flagged ? why : '' })),
  ]);
}

/** Says, before any table, that some deltas compare different examples and are not a model change. */
function populationBanner(groups: readonly GroupComparison[]): HTMLElement[] {
  const flagged = groups.filter((g) => g.population.reasons.length > 0);
  if (flagged.length === 0) return [];
  const reasons = [...new Set(flagged.flatMap((g) => describePopulation({ ...g.population, reasons: g.population.reasons.filter((r) => r !== 'different-n') })))];
  const sizes = flagged.filter((g) => g.population.reasons.includes('different-n')).length;
  const lines = [
    `${flagged.length} of ${groups.length} tags and slices were computed on different populations: their deltas are marked "≠ examples", not ▲/▼, because they are not a model change.`,
    ...(sizes ? [`${sizes} of them have a different number of examples (see each "· n" row).`] : []),
    ...reasons.map((r) => `Also: ${r}.`),
  ];
  return [el('div', { className: 'banner warn population-note', attrs: { role: 'note' } }, lines.map((text) => el('p', { text })))];
}

function emptyRow(text: string, width: number): HTMLElement {
  return el('tr', {}, [el('td', { className: 'muted', text, attrs: { colspan: String(width + 1) } })]);
}
