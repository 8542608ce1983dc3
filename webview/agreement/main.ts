/** The Label Consistency view: agreement statistics, labelers, ambiguous class pairs and their remedies. */
import type { AgreementToHost, HostToAgreement } from '../../src/protocol/agreement';
import type { AgreementView } from '../../src/protocol/datasetWorker';
import { button, textArea, textField } from '../shared/controls';
import { themeColor } from '../shared/chartTheme';
import { el, formatCount, formatFixed3 as f3, formatPercent as pct } from '../shared/dom';
import { fittedTable, type FittedTable } from '../shared/fitTable';
import { problemBannerElement, renderProblemBanner } from '../shared/problemBanner';
import { connectToHost } from '../shared/vscodeApi';

const host = connectToHost<HostToAgreement, AgreementToHost, Record<string, never>>();
const title = el('h2', { className: 'title', text: 'Label Consistency' });
const banner = problemBannerElement();
const summary = el('div', { className: 'summary' });
const empty = el('div', { className: 'empty-state' });
const body = el('div');
document.getElementById('app')!.append(title, banner, summary, empty, body);

host.onMessage((message) => {
  if (message.type === 'unavailable') {
    body.hidden = true;
    banner.hidden = true;
    empty.hidden = false;
    const ownLong = action('Read this file as judgements', 'Its rows are (example, annotator, label) judgements', () => host.post({ type: 'useOwnLongFormat' }));
    empty.replaceChildren(el('p', { text: message.message }), el('div', { className: 'toolbar-row' }, [...(message.looksLong ? [ownLong] : []), ...(message.canLoadJudgements ? [loadButton()] : [])]));
    return;
  }
  empty.hidden = true;
  body.hidden = false;
  title.textContent = `Label Consistency · ${message.fileName}`;
  renderProblemBanner(banner, message.fileName, message.problems, message.view.summary.warnings);
  render(message);
});


/** The tables on the page that fold columns to fit it; refitted after each render. */
let fitted: FittedTable[] = [];
/** Tables (by their first heading) whose every column the reader chose to see: kept as the view renders anew. */
const showingAll = new Set<string>();

function render(message: Extract<HostToAgreement, { type: 'agreement' }>): void {
  for (const f of fitted) f.dispose();
  fitted = [];
  const { view } = message;
  const s = view.summary;
  summary.textContent = `${formatCount(s.items)} labeled examples · ${s.labelers.length} labelers · ${formatCount(view.consensus.disagreements)} with disagreement · ${formatCount(view.consensus.tied)} ties · human-level performance ${pct(s.hlp)}`;
  // A long-format file read on its own: its rows are judgements, not examples, so review and fixes do not apply.
  const reviewRow = message.standalone
    ? el('div', { className: 'toolbar-row' }, [el('span', { className: 'hint', text: `Judgements: the rows of ${message.fileName}, read as (example, annotator, label). Review and label fixes work on a file with one row per example.` })])
    : el('div', { className: 'toolbar-row' }, [
    ...(message.source ? [el('span', { className: 'hint', text: `Judgements from ${message.source}` }), action('Use this file\'s labelers', 'Go back to the labeler columns of the label file', () => host.post({ type: 'useOwnLabelers' }))] : [loadButton()]),
    action('Review disagreements', 'Review the disagreements in the table one by one: a digit decides the label and moves to the next', () => host.post({ type: 'showDisagreements' })),
    action('Export relabel queue…', 'Undecided disagreements and examples marked ambiguous, as CSV', () => host.post({ type: 'exportQueue' })),
    action(`Apply label fixes (${message.fixes})…`, 'Write the decided labels into a CSV: only those cells change', () => host.post({ type: 'applyFixes' })),
  ]);
  body.replaceChildren(
    reviewRow,
    el('h3', { text: 'Agreement' }),
    statsTable(view),
    el('p', { className: 'legend', text: `Percent agreement: share of agreeing labeler pairs per example, averaged. Fleiss' kappa uses the ${formatCount(s.fleissItems)} examples with ${s.fleissLabelsPerItem} labels each. Krippendorff's alpha (nominal) uses every example with two or more labels; its 95% interval comes from 1,000 bootstrap resamples of the examples (seed 1).` }),
    el('h3', { text: 'Labelers' }),
    labelersTable(view),
    el('h3', { text: "Cohen's kappa for each pair of labelers" }),
    cohenTable(view),
    el('h3', { text: 'Ambiguous class pairs' }),
    el('p', { className: 'hint', text: message.standalone ? 'The class pairs labelers split on most: agree on a definition for each.' : 'The class pairs labelers split on most. Click a pair to see those examples; agree on a definition, or offer an explicit ambiguous class in review.' }),
    pairsTable(view, message.classNotes, !message.standalone),
    ...(message.standalone ? [] : [ambiguousClassRow(message.ambiguousClass)]),
    ...(view.confusion ? [el('h3', { text: 'Labeler-vs-labeler confusion' }), confusionTable(view)] : []),
    ...(view.hlpBySlice.length ? [el('h3', { text: 'Human-level performance by slice' }), hlpTable(view)] : []),
  );
  for (const f of fitted) f.refit();
}

function loadButton(): HTMLElement {
  return action('Use judgements from a file…', 'A long-format CSV (example, annotator, label) or a Label Studio JSON export, matched by example id', () => host.post({ type: 'loadJudgements' }));
}

function action(text: string, tip: string, run: () => void): HTMLElement {
  const b = button(text, { secondary: true, title: tip });
  b.addEventListener('click', run);
  return b;
}

interface Column {
  head: string;
  numeric?: boolean;
  /** The column's cells wrap: at spaces, or anywhere for names read from the data. */
  wrap?: 'words' | 'anywhere';
  /** Folds away, lowest first, when the panel is narrower than the table (webview/shared/fitTable.ts). */
  fold?: number;
}

/** A table of figures that fits its panel: long cells wrap, then the least important columns fold away. */
function table(columns: Column[], rows: (string | Node)[][]): HTMLElement {
  const cls = (c: Column) => [c.numeric ? 'num' : '', c.wrap ? `wrap-${c.wrap}` : ''].filter(Boolean).join(' ');
  const th = el('tr', {}, columns.map((c) => el('th', { className: cls(c), text: c.head, attrs: c.fold === undefined ? {} : { 'data-fold': String(c.fold) } })));
  const body = rows.map((r) => el('tr', {}, r.map((cell, i) => el('td', { className: cls(columns[i]) }, [cell]))));
  const id = columns[0].head;
  const fit = fittedTable(el('table', { className: 'data-table' }, [el('thead', {}, [th]), el('tbody', {}, body)]) as HTMLTableElement, {
    showAll: showingAll.has(id),
    showAllChanged: (on) => (on ? showingAll.add(id) : showingAll.delete(id)),
  });
  fitted.push(fit);
  return fit.box;
}

/** A matrix keeps one cell per pair: when it is wider than the panel it scrolls in its own box. */
function matrixBox(head: string[], rows: (string | Node)[][]): HTMLElement {
  const th = el('tr', {}, head.map((h, i) => el('th', { className: i ? 'num' : '', text: h })));
  const body = rows.map((r) => el('tr', {}, r.map((c, i) => el('td', { className: i ? 'num' : 'row-head' }, [c]))));
  return el('div', { className: 'matrix-box' }, [el('table', { className: 'data-table matrix' }, [el('thead', {}, [th]), el('tbody', {}, body)])]);
}

function statsTable(view: AgreementView): HTMLElement {
  const s = view.summary;
  // The interval goes on a line of its own when the panel is narrow, never out of sight.
  const alpha = el('span', {}, [el('span', { className: 'nowrap', text: f3(s.krippendorffAlpha) }), ' ', el('span', { className: 'nowrap', text: `(95% CI ${f3(s.alphaCI[0])}–${f3(s.alphaCI[1])})` })]);
  return table(
    [{ head: 'statistic', wrap: 'words' }, { head: 'value', numeric: true, wrap: 'words' }, { head: 'over', wrap: 'words', fold: 1 }],
    [
      ['Percent agreement', pct(s.percentAgreement), `${formatCount(s.items)} examples`],
      ["Fleiss' kappa", f3(s.fleissKappa), `${formatCount(s.fleissItems)} examples with ${s.fleissLabelsPerItem} labels`],
      ["Krippendorff's alpha", alpha, 'examples with two or more labels'],
      ['Human-level performance', pct(s.hlp), 'each labeler vs. the others (leave-one-out)'],
    ],
  );
}

function labelersTable(view: AgreementView): HTMLElement {
  return table(
    [
      { head: 'labeler', wrap: 'anywhere' },
      { head: 'examples labeled', numeric: true, fold: 1 },
      { head: 'agreement with the others', numeric: true },
      { head: 'kappa vs. the others', numeric: true },
      { head: 'disagrees most on', wrap: 'anywhere', fold: 2 },
    ],
    view.summary.perLabeler.map((l) => [l.labeler, formatCount(l.n), pct(l.agreementWithConsensus), f3(l.kappa), l.mostDisagreedClass ?? '—']),
  );
}

function cohenTable(view: AgreementView): HTMLElement {
  const names = view.summary.labelers;
  const kappa = (a: string, b: string) => view.summary.cohen.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a));
  return matrixBox(
    ['', ...names],
    names.map((a) => [a, ...names.map((b) => (a === b ? '—' : (() => {
      const k = kappa(a, b);
      return k ? `${f3(k.kappa)} (n=${formatCount(k.n)})` : '—';
    })()))]),
  );
}

/** A class's own note (a class named `constructor` has none unless one was written). */
function noteOf(notes: Record<string, string>, cls: string): string | undefined {
  return Object.hasOwn(notes, cls) ? notes[cls] : undefined;
}

function pairsTable(view: AgreementView, notes: Record<string, string>, linked: boolean): HTMLElement {
  const rows = view.summary.ambiguousPairs.slice(0, 15).map((p) => {
    const link = linked ? el('a', { className: 'link', text: `${p.a} / ${p.b}`, attrs: { href: '#', role: 'button' } }) : el('span', { text: `${p.a} / ${p.b}` });
    if (linked) {
      link.addEventListener('click', (e) => {
        e.preventDefault();
        host.post({ type: 'showPair', a: p.a, b: p.b });
      });
    }
    const note = textArea('Agreed definition (saved in .loupe/config.json)', `Definition for ${p.a} / ${p.b}`);
    const [a, b] = [noteOf(notes, p.a), noteOf(notes, p.b)];
    note.value = a === b ? (a ?? '') : [a, b].filter(Boolean).join(' / ');
    note.classList.add('definition');
    note.addEventListener('change', () => host.post({ type: 'defineClasses', classes: [p.a, p.b], note: note.value }));
    return [link, formatCount(p.count), formatCount(p.items), pct(p.rate), note];
  });
  if (rows.length === 0) return el('p', { text: 'Labelers never split between two classes.' });
  return table(
    [
      { head: 'class pair', wrap: 'anywhere' },
      { head: 'disagreeing judgement pairs', numeric: true, fold: 2 },
      { head: 'examples', numeric: true, fold: 1 },
      { head: 'rate', numeric: true },
      { head: 'definition' },
    ],
    rows,
  );
}

function ambiguousClassRow(current: string | null): HTMLElement {
  const field = textField('ambiguous', 'Name of the explicit ambiguous class');
  field.value = current ?? '';
  const save = action(current ? 'Change' : 'Offer it in review', 'Review can then assign this class with x', () => host.post({ type: 'setAmbiguousClass', name: field.value.trim() || null }));
  return el('div', { className: 'toolbar-row' }, [el('span', { text: 'Explicit ambiguous class:' }), field, save, el('span', { className: 'hint', text: current ? `Review assigns "${current}" with x.` : 'None yet.' })]);
}

function confusionTable(view: AgreementView): HTMLElement {
  const accent = themeColor('--vscode-charts-orange', '#d18616');
  const matrix = view.confusion!;
  const max = Math.max(1, ...matrix.flatMap((row, a) => row.filter((_, b) => a !== b)));
  const rows = view.categories.map((a, i) => [
    a,
    ...matrix[i].map((count, j) => {
      const cell = el('span', { text: formatCount(count), title: `${a} vs ${view.categories[j]}: ${formatCount(count)} judgement pairs` });
      if (i !== j) cell.style.background = `color-mix(in srgb, ${accent} ${Math.round((count / max) * 70)}%, transparent)`;
      return cell;
    }),
  ]);
  return matrixBox(['', ...view.categories], rows);
}

function hlpTable(view: AgreementView): HTMLElement {
  return table(
    [{ head: 'slice', wrap: 'anywhere' }, { head: 'examples compared', numeric: true, fold: 1 }, { head: 'HLP', numeric: true }],
    view.hlpBySlice.map((h) => [`${h.column} = ${h.value}`, formatCount(h.items), pct(h.hlp)]),
  );
}

host.post({ type: 'ready' });
