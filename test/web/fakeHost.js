// A fake extension host for webview tests: it answers the table's requests from generated rows
// and records every message the webview posts (window.__posted).
(() => {
  const params = JSON.parse(document.currentScript?.dataset.params ?? 'null') ?? window.__fakeHostParams ?? {};
  const rows = params.rows ?? 1000;
  const columns = params.columns ?? [
    { index: 0, name: 'id', role: 'id', kind: 'key' },
    { index: 1, name: 'text', role: 'input', kind: 'text' },
    { index: 2, name: 'label', role: 'label', kind: 'categorical' },
    { index: 3, name: 'prediction', role: 'prediction', kind: 'categorical' },
    { index: 4, name: 'score', role: 'score', kind: 'numeric' },
  ];
  const tags = new Map();
  const held = [];
  let holding = params.holdRowsFrom !== undefined;
  window.__releaseRows = () => {
    holding = false;
    held.splice(0).forEach((answer) => answer());
  };
  // With params.labelIssues: every fifth row is a likely label error whose suggested label is the other class.
  const labelIssues = params.labelIssues
    ? { classes: ['no', 'yes'], probabilityColumns: ['p_no', 'p_yes'], used: rows, leftOut: 0, issues: Math.ceil(rows / 5), perClass: [{ label: 'no', rows: Math.ceil(rows / 5), issues: Math.ceil(rows / 5) }, { label: 'yes', rows: rows - Math.ceil(rows / 5), issues: 0 }] }
    : null;
  const fixes = new Map();
  const labelIssueOf = (i, given) => {
    if (!labelIssues) return undefined;
    const issue = i % 5 === 0;
    const p = issue ? 0.1 : 0.9;
    const other = given === 'no' ? 'yes' : 'no';
    return { given, suggested: issue ? other : null, selfConfidence: p, issue, top: [{ label: issue ? other : given, p: 0.9 }, { label: issue ? given : other, p: 0.1 }] };
  };
  let state = params.state;
  window.__posted = [];
  const send = (message) => window.dispatchEvent(new MessageEvent('message', { data: message }));
  const row = (i) => ({
    labelIssue: labelIssueOf(i, i % 5 === 0 ? 'no' : 'yes'),
    fixedLabel: fixes.get(`ex-${i + 1}`),
    row: i,
    key: `ex-${i + 1}`,
    cells: [`ex-${i + 1}`, i === 2 ? '<img src=x onerror="window.__pwned=1">' : i === 1 ? 'a long\nmulti-line input, audio/clip-2.wav' : `text ${i + 1}`, i % 5 === 0 ? 'no' : 'yes', 'yes', (i % 100 / 100).toFixed(2), ...(params.mediaCells ? [params.mediaCells[i % params.mediaCells.length]] : [])],
    tags: tags.get(`ex-${i + 1}`) ?? [],
    note: '',
    error: i % 5 === 0,
    line: i + 2,
  });
  // The workbench's part in the table's keys: keys the page lets through to the window while its
  // grid has the focus run the `loupe.table.*` commands bound to them (the defaults of package.json,
  // checked against it by src/extension/labelTable/tableKeys.test.ts).
  const TABLE_KEYBINDINGS = { t: 'tag', T: 'tagView', e: 'nextError', m: 'misclassified', d: 'disagree', l: 'likelyError', ' ': 'detail', p: 'play', '/': 'search', r: 'review', i: 'thumbnails' };
  window.__tableKeybindings = TABLE_KEYBINDINGS;
  /** The commands sent back to the page, once it has handled each. */
  window.__commandsSent = [];
  let tableFocus = false;
  window.addEventListener('keydown', (event) => {
    if (!tableFocus || event.ctrlKey || event.metaKey || event.altKey || !Object.hasOwn(TABLE_KEYBINDINGS, event.key)) return;
    const name = TABLE_KEYBINDINGS[event.key];
    // params.commandDelayMs: a workbench and extension host slow to answer (a busy machine).
    setTimeout(() => {
      send({ type: 'command', name });
      window.__commandsSent.push(name);
    }, params.commandDelayMs ?? 0);
  });
  window.__loupeTestHost = {
    postMessage(message) {
      window.__posted.push(message);
      if (message.type === 'focus') tableFocus = message.focused;
      setTimeout(() => {
        if (message.type === 'focus') send({ type: 'keys', seq: message.seq, on: message.focused });
        switch (message.type) {
          case 'ready':
            send({ type: 'init', fileName: 'fake.csv', columns, keyColumn: 'id', readonly: false, defaults: params.defaults ?? { searchColumns: [], hiddenColumns: [] } });
            send({ type: 'tags', tags: (params.tags ?? ['car noise', 'blurry']).map((t, i) => (typeof t === 'string' ? { name: t, count: 0, key: String(i + 1) } : { count: 0, ...t })) });
            send({
              type: 'loaded',
              rows,
              problems: params.problems ?? [],
              problemCount: (params.problems ?? []).length,
              hasOutcomes: true,
              hasLabelers: true,
              looksLong: false,
              delimiter: ',',
              encoding: 'utf-8',
              categories: { 2: ['no', 'yes'], 3: ['no', 'yes'] },
              labelIssues,
            });
            if (labelIssues) send({ type: 'reviewClasses', classes: ['no', 'yes'], ambiguousClass: null, classNotes: {} });
            break;
          case 'setView': {
            const count = message.filter.misclassified || message.filter.likelyError ? Math.ceil(rows / 5) : rows;
            send({ type: 'view', version: (window.__version = (window.__version ?? 0) + 1), count, total: rows, errors: Math.ceil(rows / 5), taggedErrors: 0 });
            // As if the new order reversed the rows: the kept row is found at its mirrored place.
            if (message.keepRow !== undefined) send({ type: 'goTo', version: window.__version, position: count - 1 - message.keepRow });
            break;
          }
          case 'requestRows': {
            const answer = () => {
              const out = [];
              for (let p = message.start; p < Math.min(rows, message.start + message.count); p++) out.push(row(p));
              send({ type: 'rows', requestId: message.requestId, version: message.version, start: message.start, rows: out });
            };
            // Rows from `holdRowsFrom` on arrive only when the test calls window.__releaseRows().
            if (holding && message.start + message.count > params.holdRowsFrom) held.push(answer);
            else answer();
            break;
          }
          case 'tagSelection':
            for (const [a, b] of message.ranges) {
              for (let p = a; p <= b; p++) {
                const key = `ex-${p + 1}`;
                const current = tags.get(key) ?? [];
                tags.set(key, message.on ? [...current, message.tag] : current.filter((t) => t !== message.tag));
              }
            }
            send({ type: 'annotationsChanged' });
            break;
          case 'nextUntaggedError': {
            let p = message.from + 1;
            while (p < rows && (p % 5 !== 0 || (tags.get(`ex-${p + 1}`) ?? []).length)) p++;
            if (p < rows) send({ type: 'goTo', version: message.version, position: p });
            break;
          }
          case 'review':
            for (const key of message.keys) {
              if (message.label === null) fixes.delete(key);
              else if (message.label !== undefined) fixes.set(key, message.label);
            }
            send({ type: 'annotationsChanged' });
            break;
          // With params.media: where each media path is ({ state: 'ready', kind, uri } or missing/outside).
          case 'resolveMedia': {
            const location = params.media?.[message.path] ?? { state: 'missing', message: `${message.path} was not found next to fake.csv or in the workspace folder` };
            send({ type: 'media', requestId: message.requestId, path: message.path, location });
            break;
          }
          case 'toggleTag':
            for (const key of message.keys) {
              const current = tags.get(key) ?? [];
              tags.set(key, message.on ? [...current, message.tag] : current.filter((t) => t !== message.tag));
            }
            send({ type: 'annotationsChanged' });
            break;
        }
      }, 0);
    },
    getState: () => state,
    setState: (s) => (state = s),
  };
})();
