// A fake extension host for the Experiment Log webview: it answers `ready` with a few
// experiments (or `window.__fakeHostParams.experiments`) and records what the page posts
// (window.__posted). `window.__send(message)` delivers a host message later in a test.
(() => {
  const params = window.__fakeHostParams ?? {};
  const hash = (c) => c.repeat(64);
  const code = (commit, dirty) => ({ gitAvailable: true, commit: commit.repeat(40), branch: 'main', dirty, diffSha256: dirty ? hash('d') : null, remote: null });
  const data = (sha, rows, annotations, labelFixes) => ({ path: 'speech-commands.csv', sha256: hash(sha), rows, annotationsSha256: annotations ? hash(annotations) : null, labelFixes });
  const experiment = (id, name, createdAt, extra) => ({
    version: 1,
    id,
    name,
    createdAt,
    code: code('a', false),
    data: data('1', 2000, null, 0),
    params: {},
    metrics: {},
    notes: '',
    starred: false,
    baseline: 'none',
    source: { kind: 'palette' },
    ...extra,
  });
  const experiments = params.experiments ?? [
    experiment('20240614-120000-fixed-labels-cc', 'fixed labels', '2024-06-14T12:00:00.000Z', {
      params: { lr: 0.01, model: { depth: 5, name: 'cnn' }, seed: 1 },
      metrics: { accuracy: 0.91, macro_f1: 0.88, val_loss: 0.31 },
      data: data('2', 1990, 'e', 12),
      code: code('b', true),
      perTag: { 'car noise': { accuracy: 0.8, errors: 4, n: 20 } },
      starred: true,
      source: { kind: 'cli' },
    }),
    experiment('20240613-090000-baseline-aa', 'baseline', '2024-06-13T09:00:00.000Z', {
      params: { lr: 0.1, model: { depth: 5, name: 'cnn' }, seed: 1 },
      metrics: { accuracy: 0.86, macro_f1: 0.84, val_loss: 0.42 },
      perTag: { 'car noise': { accuracy: 0.6, errors: 9, n: 22 } },
    }),
    experiment('20240612-080000-human-level-bb', 'human level', '2024-06-12T08:00:00.000Z', { metrics: { accuracy: 0.95 }, baseline: 'human-level', notes: 'three labelers' }),
  ];
  let state = params.state;
  window.__posted = [];
  const send = (message) => window.dispatchEvent(new MessageEvent('message', { data: message }));
  window.__send = send;
  window.__loupeTestHost = {
    postMessage(message) {
      window.__posted.push(message);
      if (message.type === 'ready') setTimeout(() => send({ type: 'experiments', experiments, problems: params.problems ?? [], folder: '.loupe/experiments/' }), 0);
    },
    getState: () => state,
    setState: (s) => (state = s),
  };
})();
