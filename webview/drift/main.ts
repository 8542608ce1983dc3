/** The drift view: two files compared column by column (drifted first), with both distributions side by side. */
import type { Chart } from 'chart.js';
import type { DistributionPair } from '../../src/core/drift/distributions';
import type { DriftColumnJson } from '../../src/core/drift/driftJson';
import type { DriftToHost, HostToDrift } from '../../src/protocol/drift';
import { onThemeChange } from '../shared/chartTheme';
import { button } from '../shared/controls';
import { el, formatCount, formatPercent } from '../shared/dom';
import { drawShareBars } from '../shared/pairChart';
import { connectToHost } from '../shared/vscodeApi';
import { noun } from '../../src/core/plural';

const host = connectToHost<HostToDrift, DriftToHost, Record<string, never>>();
const title = el('h2', { className: 'title', text: 'Drift' });
const summary = el('p', { className: 'summary' });
const empty = el('div', { className: 'empty-state', text: 'Comparing…' });
const overview = el('table', { className: 'data-table drift-overview' });
const columnsBox = el('div', { className: 'drift-columns' });
const openReference = button('Open Reference', { secondary: true, icon: 'table' });
const openCurrent = button('Open Current', { secondary: true, icon: 'table' });
openReference.addEventListener('click', () => host.post({ type: 'open', which: 'reference' }));
openCurrent.addEventListener('click', () => host.post({ type: 'open', which: 'current' }));
document.getElementById('app')!.append(title, summary, el('div', { className: 'toolbar-row' }, [openReference, openCurrent]), empty, overview, columnsBox);

let last: HostToDrift | undefined;
let charts: Chart[] = [];

host.onMessage((message) => {
  if (message.type !== 'drift') return;
  last = message;
  render(message);
});
onThemeChange(() => last && render(last));

function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  return p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

function fixed4(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : v.toFixed(4);
}

const KIND: Record<DriftColumnJson['kind'], string> = { categorical: 'categorical', numeric: 'numeric', text: 'text (length)' };

function render(message: HostToDrift): void {
  const { json, distributions } = message.result;
  title.textContent = `Drift · ${message.currentFile} vs ${message.referenceFile}`;
  summary.textContent = `Reference ${message.referenceFile}: ${formatCount(json.rows.reference)} rows · current ${message.currentFile}: ${formatCount(json.rows.current)} rows · ${json.driftedColumns} of ${json.columns.length} compared ${noun(json.columns.length, 'column')} drifted (categorical: PSI ≥ 0.25; numeric and text length: KS D ≥ 0.1 and p < 0.05).`;
  const order = json.columns.map((_, i) => i).sort((a, b) => Number(json.columns[b].drifted) - Number(json.columns[a].drifted) || a - b);
  empty.hidden = json.columns.length > 0;
  empty.textContent = 'No column is in both files under the same name, so nothing was compared.';
  overview.hidden = json.columns.length === 0;
  renderOverview(json.columns, order);
  for (const c of charts) c.destroy();
  charts = [];
  columnsBox.replaceChildren(...order.map((i) => columnSection(json.columns[i], distributions[i], i)), ...skippedNote(json));
}

function renderOverview(columns: DriftColumnJson[], order: number[]): void {
  const head = el('tr', {}, ['column', 'kind', 'PSI', 'chi²', 'chi² p', 'KS D', 'KS p', 'missing (ref → cur)', 'new categories', 'drifted'].map((h, i) => el('th', { className: i >= 2 && i <= 7 ? 'num' : '', text: h })));
  const rows = order.map((i) => {
    const c = columns[i];
    const name = el('a', { className: 'link', text: c.name, attrs: { href: `#drift-column-${i}` } });
    const cells = [c.kind === 'categorical' ? fixed4(c.psi) : '—', c.kind === 'categorical' ? fixed4(c.chi2) : '—', c.kind === 'categorical' ? pValue(c.chi2P) : '—', c.ks ? fixed4(c.ks.d) : '—', c.ks ? pValue(c.ks.p) : '—', `${formatPercent(c.missing.reference)} → ${formatPercent(c.missing.current)}`];
    return el('tr', { className: c.drifted ? 'flagged' : '', attrs: { 'data-column': c.name } }, [
      el('td', {}, [name]),
      el('td', { text: KIND[c.kind] }),
      ...cells.map((text) => el('td', { className: 'num', text })),
      el('td', { text: listed(c.newCategories) }),
      el('td', { text: c.drifted ? '⚠ drifted' : 'no' }),
    ]);
  });
  overview.replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
}

function columnSection(c: DriftColumnJson, d: DistributionPair, index: number): HTMLElement {
  const facts = c.kind === 'categorical' ? `PSI ${fixed4(c.psi)} (${c.psiLevel ?? '—'}) · chi² ${fixed4(c.chi2)} with ${c.chi2Dof ?? '—'} dof, p ${pValue(c.chi2P)}` : `KS D ${fixed4(c.ks?.d)}, p ${pValue(c.ks?.p)}${c.kind === 'text' ? ' on the length of each cell (characters)' : ''}`;
  const missing = `missing ${formatPercent(c.missing.reference)} → ${formatPercent(c.missing.current)}`;
  const section = el('section', { className: `drift-column${c.drifted ? ' drifted' : ''}`, attrs: { id: `drift-column-${index}` } }, [
    el('h3', {}, [c.name, ' ', el('span', { className: c.drifted ? 'badge warn' : 'badge', text: c.drifted ? '⚠ drifted' : 'stable' })]),
    el('p', { className: 'hint', text: `${KIND[c.kind]} · ${facts} · ${missing}` }),
  ]);
  if (c.newCategories.length > 0) section.append(el('p', { className: 'warn', text: `New in the current file: ${listed(c.newCategories)}` }));
  if (d.labels.length === 0) {
    section.append(el('p', { className: 'empty-state', text: 'No values to draw (every cell is missing in both files).' }));
    return section;
  }
  const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': `${c.name}: reference and current distributions` } });
  const box = el('div', { className: 'chart-box' }, [canvas]);
  section.append(box);
  requestAnimationFrame(() => charts.push(drawShareBars(canvas, d.labels, [{ label: 'reference', counts: d.reference }, { label: 'current', counts: d.current }], { histogram: d.kind === 'histogram', xTitle: c.kind === 'text' ? 'length (characters)' : d.kind === 'histogram' ? 'value' : undefined })));
  return section;
}

function skippedNote(json: HostToDrift['result']['json']): HTMLElement[] {
  const notes = [...json.onlyInReference.map((n) => `${n}: only in the reference file`), ...json.onlyInCurrent.map((n) => `${n}: only in the current file`), ...json.notCompared.map((s) => `${s.name}: not compared (${s.reason})`)];
  return notes.length === 0 ? [] : [el('h3', { text: 'Not compared' }), el('ul', { className: 'hint' }, notes.map((n) => el('li', { text: n })))];
}

function listed(values: string[]): string {
  if (values.length === 0) return '';
  const shown = values.slice(0, 5).map((v) => JSON.stringify(v)).join(', ');
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}

host.post({ type: 'ready' });
