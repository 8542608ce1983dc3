/** The Label Issues view: the confident joint, the estimated label noise per class and the likely label errors. */
import type { LabelIssuesSection } from '../../src/core/audit/labelIssuesSection';
import type { HostToLabelIssues, LabelIssuesToHost } from '../../src/protocol/labelIssues';
import { onThemeChange, themeColor } from '../shared/chartTheme';
import { el, formatCount, formatPercent as pct } from '../shared/dom';
import { problemBannerElement, renderProblemBanner } from '../shared/problemBanner';
import { connectToHost } from '../shared/vscodeApi';

const host = connectToHost<HostToLabelIssues, LabelIssuesToHost, Record<string, never>>();
const title = el('h2', { className: 'title', text: 'Label Issues' });
const banner = problemBannerElement();
const summary = el('div', { className: 'summary' });
const note = el('p', { className: 'hint', text: 'Confident learning needs out-of-sample probabilities (cross-validated, or from a model that did not train on these rows): in-sample probabilities agree with the labels the model learned and hide their errors.' });
const warnings = el('ul', { className: 'probability-warnings' });
const empty = el('div', { className: 'empty-state' });
const content = el('div', { className: 'label-issues' });
const jointBox = el('div', { className: 'confusion-box joint-box' });
const noiseTable = el('table', { className: 'data-table noise-table', attrs: { 'aria-label': 'Estimated label noise per class' } });
const issuesTable = el('table', { className: 'data-table issues-table', attrs: { 'aria-label': 'Likely label errors' } });
const issuesHint = el('p', { className: 'hint' });
content.append(
  summary,
  note,
  warnings,
  el('div', { className: 'toolbar-row' }, [el('h3', { text: 'Confident joint' }), el('span', { className: 'hint', text: 'Rows are given labels, columns likely true labels; click a cell off the diagonal to see the likely errors with that given label in the table.' })]),
  jointBox,
  el('h3', { text: 'Estimated label noise per class' }),
  noiseTable,
  el('h3', { text: 'Likely label errors' }),
  issuesHint,
  issuesTable,
);
document.getElementById('app')!.append(title, banner, empty, content);
content.hidden = true;

let current: LabelIssuesSection | undefined;

host.onMessage((message) => {
  switch (message.type) {
    case 'unavailable':
      banner.hidden = true;
      content.hidden = true;
      empty.hidden = false;
      empty.textContent = message.message;
      return;
    case 'issues':
      empty.hidden = true;
      content.hidden = false;
      current = message.report;
      title.textContent = `Label Issues · ${message.fileName}`;
      renderProblemBanner(banner, message.fileName, message.problems);
      warnings.replaceChildren(...message.warnings.map((w) => el('li', { text: w })));
      warnings.hidden = message.warnings.length === 0;
      render(message.report);
      return;
  }
});

onThemeChange(() => current && renderJoint(current));

function render(r: LabelIssuesSection): void {
  const columns = r.probabilityColumns[0] === r.probabilityColumns[1] ? `${r.probabilityColumns[0]} as P(positive)` : `${r.probabilityColumns.length} probability columns`;
  summary.textContent = `${formatCount(r.count)} likely label errors among ${formatCount(r.used)} rows (${pct(r.share)}), label "${r.labelColumn}", ${columns}${r.leftOut ? `; ${formatCount(r.leftOut)} rows left out (a blank label or probability, or one outside [0, 1])` : ''}.`;
  renderJoint(r);
  renderNoise(r);
  renderIssues(r);
}

function renderJoint(r: LabelIssuesSection): void {
  const accent = themeColor('--vscode-charts-orange', '#d18616');
  const head = el('tr', {}, [el('th', { text: 'given \\ likely true' }), ...r.classes.map((c) => el('th', { className: 'num', text: c }))]);
  const rows = r.classes.map((given, i) => {
    const total = r.confidentJoint[i].reduce((a, b) => a + b, 0);
    const cells = r.confidentJoint[i].map((count, j) => jointCell(given, r.classes[j], count, total, i === j, accent));
    return el('tr', {}, [el('th', { text: given }), ...cells]);
  });
  jointBox.replaceChildren(el('table', { className: 'data-table confusion joint', attrs: { 'aria-label': `Confident joint, ${r.classes.length} classes` } }, [el('thead', {}, [head]), el('tbody', {}, rows)]));
}

function jointCell(given: string, likely: string, count: number, total: number, diagonal: boolean, accent: string): HTMLElement {
  const share = total > 0 ? count / total : 0;
  const cell = el('td', {
    className: `cell-heat${diagonal ? ' diagonal' : ''}`,
    text: formatCount(count),
    title: `given ${given}, likely ${likely}: ${formatCount(count)} (${pct(share)} of the given label's counted rows)`,
    attrs: { role: 'button', tabindex: '0', 'data-given': given, 'data-likely': likely },
  });
  // Off-diagonal cells are the suspected errors: shaded from the theme's accent (CSSOM: allowed by the CSP).
  if (!diagonal && count > 0) cell.style.background = `color-mix(in srgb, ${accent} ${Math.min(40, Math.round(10 + share * 100))}%, transparent)`;
  const open = () => host.post({ type: 'showCell', given, likely });
  cell.addEventListener('click', open);
  cell.addEventListener('keydown', (e) => e.key === 'Enter' && open());
  return cell;
}

function renderNoise(r: LabelIssuesSection): void {
  const head = el('tr', {}, ['class', 'rows', 'estimated noise', 'likely errors', 'share', 'threshold'].map((h, i) => el('th', { className: i ? 'num' : '', text: h })));
  const rows = r.perClass.map((c, j) =>
    el('tr', {}, [
      el('td', { text: c.class }),
      el('td', { className: 'num', text: formatCount(c.rows) }),
      el('td', { className: 'num', text: pct(r.labelNoise[j]), title: 'Off-diagonal share of the confident joint\'s row: the estimated share of this label that is wrong' }),
      el('td', { className: 'num', text: formatCount(c.issues) }),
      el('td', { className: 'num', text: pct(c.share) }),
      el('td', { className: 'num', text: r.thresholds[j] === null ? '—' : r.thresholds[j]!.toFixed(4), title: 'Mean P(class) over the rows labelled with it' }),
    ]),
  );
  noiseTable.replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
}

function renderIssues(r: LabelIssuesSection): void {
  issuesHint.textContent =
    r.count === 0
      ? 'No likely label errors: the model\'s confident classes agree with the labels.'
      : `Lowest self-confidence first${r.count > r.top.length ? ` (the first ${r.top.length} of ${formatCount(r.count)}; all of them with loupe issues)` : ''}; click a row to go to it in the table.`;
  const head = el('tr', {}, ['row', 'id', 'label', 'suggested', 'self-confidence', 'margin'].map((h, i) => el('th', { className: i === 0 || i > 3 ? 'num' : '', text: h })));
  const rows = r.top.map((e) => {
    const tr = el('tr', { className: 'issue-row', attrs: { role: 'button', tabindex: '0', 'data-row': String(e.row) } }, [
      el('td', { className: 'num', text: String(e.row) }),
      el('td', { text: e.id ?? '' }),
      el('td', { text: e.label }),
      el('td', { text: e.suggested }),
      el('td', { className: 'num', text: e.selfConfidence.toFixed(4) }),
      el('td', { className: 'num', text: e.normalizedMargin.toFixed(4) }),
    ]);
    const open = () => host.post({ type: 'showRow', row: e.row - 1 });
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (ev) => ev.key === 'Enter' && open());
    return tr;
  });
  issuesTable.hidden = r.top.length === 0;
  issuesTable.replaceChildren(el('thead', {}, [head]), el('tbody', {}, rows));
}

host.post({ type: 'ready' });
