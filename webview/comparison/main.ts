/**
 * The Comparison view: did the change help? Two predictions A (before) and B (after) on the
 * same examples: the 2 × 2 table, McNemar's test and a verdict, overall and per-class figures,
 * per tag and per slice, and the rows that could not be matched. Every figure is the one
 * `loupe compare --json` prints; each carries its exact value in `data-value`.
 */
import type { ComparisonReport, ComparisonSubject, ComparisonToHost, HostToComparison } from '../../src/protocol/comparison';
import { button } from '../shared/controls';
import { el, formatCount, formatPercent as pct } from '../shared/dom';
import { connectToHost } from '../shared/vscodeApi';
import { counted } from '../../src/core/plural';

/** B is significantly better or worse below this exact p (the CLI's --fail-if-worse threshold). */
const SIGNIFICANT = 0.05;

const host = connectToHost<HostToComparison, ComparisonToHost, Record<string, never>>();
/** A click on a figure shows its rows in the table: possible when A and B are two columns of one file. */
let clickable = false;
type ShowRows = Omit<Extract<ComparisonToHost, { type: 'showRows' }>, 'type'>;
const title = el('h2', { className: 'title', text: 'Comparison' });
const subjectLine = el('div', { className: 'summary subject' });
const toolbar = el('div', { className: 'toolbar-row' });
const status = el('div', { className: 'empty-state', text: 'Waiting for the comparison…' });
const recomputing = el('div', { className: 'recomputing', attrs: { role: 'status', 'aria-live': 'polite' } });
recomputing.hidden = true;
const body = el('div', { className: 'comparison' });
document.getElementById('app')!.append(title, subjectLine, toolbar, recomputing, status, body);

host.onMessage((message) => {
  showSubject(message.subject);
  switch (message.type) {
    case 'computing':
      showComputing(message.reason);
      return;
    case 'failed':
      showStatus(failure(message.message));
      return;
    case 'report':
      status.hidden = true;
      showRecomputing(undefined);
      body.hidden = false;
      body.replaceChildren(...renderReport(message.report, message.notes));
      return;
  }
});
host.post({ type: 'ready' });

/** A first computation shows only a message; a recomputation keeps the figures, marked out of date, until the new ones come. */
function showComputing(reason: string | undefined): void {
  if (reason !== undefined && !body.hidden && body.childElementCount > 0) {
    showRecomputing(reason);
    return;
  }
  showRecomputing(undefined);
  showStatus(el('p', { text: 'Comparing the two predictions example by example…' }));
}

function showRecomputing(reason: string | undefined): void {
  recomputing.hidden = reason === undefined;
  body.classList.toggle('stale', reason !== undefined);
  document.getElementById('app')!.dataset.state = reason === undefined ? 'ready' : 'recomputing';
  recomputing.replaceChildren(...(reason === undefined ? [] : [el('span', { className: 'codicon codicon-sync codicon-modifier-spin', attrs: { 'aria-hidden': 'true' } }), el('span', { text: ` ${reason} Recomputing…` })]));
}

function showSubject(subject: ComparisonSubject): void {
  clickable = !subject.twoFiles;
  title.textContent = `Comparison · ${subject.title}`;
  subjectLine.textContent = subject.detail ?? '';
  subjectLine.hidden = !subject.detail;
  const recompute = button('Recompute', { secondary: true, icon: 'refresh', title: 'Read the files again and compare' });
  recompute.addEventListener('click', () => host.post({ type: 'recompute' }));
  toolbar.replaceChildren(recompute, ...(subject.twoFiles ? [openButton('a', "Open A's file"), openButton('b', "Open B's file")] : [openButton('a', 'Open the label file')]));
}

const openFileTip = (side: 'a' | 'b') => `Open the label file of ${side.toUpperCase()} in a Loupe table`;

function openButton(side: 'a' | 'b', label: string): HTMLElement {
  const b = button(label, { secondary: true, icon: 'table', title: openFileTip(side) });
  b.addEventListener('click', () => host.post({ type: 'openFile', side }));
  return b;
}

/** Nothing but the message: a file that could not be read gets no figures. */
function showStatus(content: HTMLElement): void {
  showRecomputing(undefined);
  body.hidden = true;
  body.replaceChildren();
  status.hidden = false;
  status.replaceChildren(content);
}

function failure(message: string): HTMLElement {
  const [first, ...rest] = message.split('\n');
  return el('div', { className: 'problem-banner', attrs: { role: 'alert' } }, [
    el('strong', { text: 'The predictions could not be compared. ' }),
    el('span', { text: first }),
    ...(rest.length ? [el('ul', {}, rest.map((line) => el('li', { text: line })))] : []),
    el('p', { className: 'hint', text: 'Fix the file (or its roles in the Columns menu), then Recompute.' }),
  ]);
}

function renderReport(r: ComparisonReport, notes: string[]): HTMLElement[] {
  return [
    verdict(r),
    el('p', { className: 'summary', text: scopeLine(r) }),
    ...notes.map((note) => el('p', { className: 'hint note', text: note })),
    el('h3', { text: 'Example by example' }),
    el('p', { className: 'hint', text: clickable ? 'Click a count, a tag, a slice or a class to see those rows in the table.' : 'Clicking a count to see its rows in the table works for two prediction columns of one file; open A\'s file to look at its rows.' }),
    outcomeTable(r),
    mcnemarLine(r),
    el('h3', { text: 'Overall' }),
    overallTable(r),
    el('h3', { text: 'Recall per class' }),
    classTable(r),
    el('h3', { text: 'Per tag' }),
    el('p', { className: 'hint', text: `On ${r.perTagRows}. Sorted by the size of the change.` }),
    r.perTag.length ? groupTable(['tag'], r.perTag.map((g) => ({ ...g, names: [g.tag], rows: { tag: g.tag } })), r.smallGroup, 'per-tag') : empty('No compared example carries a tag.'),
    el('h3', { text: 'Per slice' }),
    r.perSlice.length ? groupTable(['column', 'value'], r.perSlice.map((g) => ({ ...g, names: [g.column, g.value], rows: { slice: { column: g.column, value: g.value } } })), r.smallGroup, 'per-slice') : empty('No slice column (set a column\'s role to slice in the table\'s Columns menu).'),
    ...matching(r),
  ];
}

function scopeLine(r: ComparisonReport): string {
  const parts = [`${formatCount(r.n)} examples with a label and both predictions`];
  if (r.skipped) parts.push(`${formatCount(r.skipped)} without, left out`);
  if (r.files.a !== r.files.b) parts.push(`${formatCount(r.unmatched.onlyA + r.unmatched.onlyB)} not matched by id, left out`);
  return `${parts.join(' · ')}. A = "${r.columns.a}", B = "${r.columns.b}", label "${r.columns.label}".`;
}

function verdict(r: ComparisonReport): HTMLElement {
  const p = r.mcnemar.exactP;
  const better = p < SIGNIFICANT && r.fixed > r.broken;
  const worse = p < SIGNIFICANT && r.broken > r.fixed;
  const text = better ? 'B is significantly better than A' : worse ? 'B is significantly worse than A' : 'No significant difference between A and B';
  const why = `${formatCount(r.fixed)} fixed vs ${formatCount(r.broken)} broken; McNemar exact p = ${formatP(p)}${better || worse ? ` < ${SIGNIFICANT}` : ` (significant below ${SIGNIFICANT})`}`;
  return el('div', { className: `verdict ${better ? 'better' : worse ? 'worse' : 'same'}`, attrs: { 'data-verdict': better ? 'better' : worse ? 'worse' : 'same', 'data-n': String(r.n), role: 'status' } }, [
    el('span', { className: `codicon codicon-${better ? 'pass' : worse ? 'warning' : 'circle-large-outline'}`, attrs: { 'aria-hidden': 'true' } }),
    el('strong', { text }),
    el('span', { className: 'why', text: ` — ${why}` }),
  ]);
}

function formatP(p: number | null): string {
  if (p === null) return '—';
  return p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

/** A number shown as text, with its exact value for tests and tools. */
function figure(text: string, value: number | null, name?: string, className = 'num'): HTMLTableCellElement {
  const attrs: Record<string, string> = { 'data-value': value === null ? '' : String(value) };
  if (name) attrs['data-figure'] = name;
  return el('td', { className, text, attrs });
}

function outcomeTable(r: ComparisonReport): HTMLElement {
  const share = (n: number) => (r.n ? ` (${pct(n / r.n)})` : '');
  const cell = (name: 'bothRight' | 'fixed' | 'broken' | 'bothWrong', label: string) => {
    const td = figure('', r[name], name, `num outcome outcome-${name}`);
    td.append(rowsLink([el('strong', { text: formatCount(r[name]) }), el('span', { className: 'hint', text: ` ${label}${share(r[name])}` })], { kind: name }, `Show the ${formatCount(r[name])} rows ${label} in the table`));
    return td;
  };
  return el('table', { className: 'data-table outcomes', attrs: { 'aria-label': 'Both right, fixed, broken, both wrong' } }, [
    el('thead', {}, [el('tr', {}, [el('th', { text: '' }), el('th', { className: 'num', text: 'B right' }), el('th', { className: 'num', text: 'B wrong' })])]),
    el('tbody', {}, [
      el('tr', {}, [el('th', { text: 'A right', attrs: { scope: 'row' } }), cell('bothRight', 'both right'), cell('broken', 'broken by B')]),
      el('tr', {}, [el('th', { text: 'A wrong', attrs: { scope: 'row' } }), cell('fixed', 'fixed by B'), cell('bothWrong', 'both wrong')]),
    ]),
  ]);
}

function mcnemarLine(r: ComparisonReport): HTMLElement {
  const m = r.mcnemar;
  const value = (text: string, v: number | null, name: string) => el('span', { className: 'stat', text, attrs: { 'data-figure': name, 'data-value': v === null ? '' : String(v) } });
  return el('p', { className: 'mcnemar' }, [
    `McNemar's test on the ${formatCount(r.fixed + r.broken)} examples where A and B disagree in correctness: exact p = `,
    value(formatP(m.exactP), m.exactP, 'exactP'),
    ', chi² (continuity-corrected) = ',
    value(m.chi2 === null ? '—' : m.chi2.toFixed(3), m.chi2, 'chi2'),
    ', p = ',
    value(formatP(m.chi2P), m.chi2P, 'chi2P'),
    '.',
  ]);
}

/** Content that shows its rows in the table when clicked (Enter or Space on the keyboard); plain content when rows cannot be shown. */
function rowsLink(content: (Node | string)[], rows: ShowRows, label: string): HTMLElement {
  if (!clickable) return el('span', {}, content);
  const link = el('button', { className: 'rows-link', title: label, attrs: { type: 'button', 'aria-label': label, 'data-rows': rows.kind } }, content);
  link.addEventListener('click', () => host.post({ type: 'showRows', ...rows }));
  return link;
}

function linkedFigure(count: number, rows: ShowRows, label: string): HTMLTableCellElement {
  const td = figure('', count);
  td.append(rowsLink([formatCount(count)], rows, label));
  return td;
}

function deltaCell(delta: number | null, name?: string): HTMLTableCellElement {
  const td = figure(delta === null ? '—' : `${delta > 0 ? '+' : delta < 0 ? '−' : '±'}${(Math.abs(delta) * 100).toFixed(1)} pts`, delta, name, 'num delta');
  if (delta !== null) td.classList.add(delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat');
  return td;
}

function overallTable(r: ComparisonReport): HTMLElement {
  const row = (label: string, a: number, b: number, name: string, format: (v: number) => string) =>
    el('tr', {}, [el('th', { text: label, attrs: { scope: 'row' } }), figure(format(a), a, `${name}A`), figure(format(b), b, `${name}B`), deltaCell(b - a)]);
  return table(['', 'A', 'B', 'Δ (B − A)'], [row('accuracy', r.accuracyA, r.accuracyB, 'accuracy', (v) => pct(v)), row('macro F1', r.macroF1A, r.macroF1B, 'macroF1', (v) => v.toFixed(4))], 'overall');
}

function classTable(r: ComparisonReport): HTMLElement {
  const rows = r.perClass.map((c) =>
    el('tr', { attrs: { 'data-class': c.class } }, [el('th', { attrs: { scope: 'row' } }, [rowsLink([c.class], { kind: 'changed', labelClass: c.class }, `Show the rows labelled ${c.class} whose prediction B changed`)]), figure(formatCount(c.support), c.support), figure(pct(c.recallA), c.recallA), figure(pct(c.recallB), c.recallB), deltaCell(c.recallB - c.recallA)]),
  );
  return table(['class', 'support', 'recall A', 'recall B', 'Δ'], rows, 'per-class');
}

type Group = Omit<ComparisonReport['perTag'][number], 'tag'> & { names: string[]; rows: Omit<ShowRows, 'kind'> };

function groupTable(keys: string[], groups: Group[], smallGroup: number, name: string): HTMLElement {
  const rows = groups.map((g) =>
    el('tr', { className: g.small ? 'small' : '', attrs: { 'data-group': g.names.join('=') } }, [
      ...g.names.map((n, k) => el('th', { attrs: { scope: 'row' } }, [k === g.names.length - 1 ? rowsLink([n], { ...g.rows, kind: 'changed' }, `Show the rows of ${g.names.join(' = ')} whose prediction B changed`) : n])),
      figure(formatCount(g.n), g.n),
      figure(pct(g.accuracyA), g.accuracyA),
      figure(pct(g.accuracyB), g.accuracyB),
      deltaCell(g.delta),
      linkedFigure(g.fixed, { ...g.rows, kind: 'fixed' }, `Show the rows of ${g.names.join(' = ')} fixed by B`),
      linkedFigure(g.broken, { ...g.rows, kind: 'broken' }, `Show the rows of ${g.names.join(' = ')} broken by B`),
      el('td', { className: 'warn', text: g.small ? `small: n < ${smallGroup}, read with care` : '' }),
    ]),
  );
  return table([...keys, 'n', 'accuracy A', 'accuracy B', 'Δ', 'fixed', 'broken', ''], rows, name);
}

function table(head: string[], rows: HTMLElement[], name: string): HTMLElement {
  const numeric = (h: string) => !['', 'tag', 'column', 'value', 'class', 'id', 'label in A', 'label in B'].includes(h);
  return el('div', { className: 'table-scroll' }, [
    el('table', { className: `data-table ${name}`, attrs: { 'data-table': name } }, [el('thead', {}, [el('tr', {}, head.map((h) => el('th', { className: numeric(h) ? 'num' : '', text: h })))]), el('tbody', {}, rows)]),
  ]);
}

function empty(text: string): HTMLElement {
  return el('p', { className: 'empty-state', text });
}

/** Two files: the rows present in one only, repeated ids and labels that differ, counted and listed. */
function matching(r: ComparisonReport): HTMLElement[] {
  if (r.files.a === r.files.b) return [];
  const u = r.unmatched;
  const ids = (list: string[], count: number) => (count === 0 ? 'none' : `${list.join(', ')}${count > list.length ? `, … (${formatCount(count - list.length)} more)` : ''}`);
  const out: HTMLElement[] = [
    el('h3', { text: 'Matching by id' }),
    el('p', { attrs: { 'data-figure': 'onlyA', 'data-value': String(u.onlyA) }, text: `Only in A: ${formatCount(u.onlyA)} — ${ids(u.onlyAIds, u.onlyA)}` }),
    el('p', { attrs: { 'data-figure': 'onlyB', 'data-value': String(u.onlyB) }, text: `Only in B: ${formatCount(u.onlyB)} — ${ids(u.onlyBIds, u.onlyB)}` }),
  ];
  if (u.repeatedIdsA || u.repeatedIdsB) out.push(el('p', { className: 'warn', text: `Repeated ids: ${formatCount(u.repeatedIdsA)} rows in A, ${formatCount(u.repeatedIdsB)} in B; each id is matched by its first row.` }));
  const m = r.labelMismatches;
  if (!m.checked) out.push(el('p', { className: 'hint', text: 'B has no label column: the labels of A are used.' }));
  else if (m.count === 0) out.push(el('p', { className: 'hint', text: 'The labels agree on every matched example.' }));
  else {
    out.push(el('p', { className: 'warn', attrs: { 'data-figure': 'labelMismatches', 'data-value': String(m.count) }, text: `Labels differ between the files on ${counted(m.count, 'matched example')}; the label of A is used.` }));
    out.push(table(['id', 'label in A', 'label in B'], m.examples.map((e) => el('tr', {}, [el('td', { text: e.id }), el('td', { text: e.labelA }), el('td', { text: e.labelB })])), 'label-mismatches'));
  }
  return out;
}
