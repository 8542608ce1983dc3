// Bundles every entry point with esbuild: the extension host, the dataset worker, the CLI,
// the webviews (one bundle each) and the test suites that run inside VS Code.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const watch = process.argv.includes('--watch');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs' };

const builds = [
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist/extension', external: ['vscode'] },
  { ...node, entryPoints: { datasetWorker: 'src/worker/datasetWorker.ts', parsePartWorker: 'src/worker/parsePartWorker.ts', scoreWorker: 'src/worker/scoreWorker.ts', fileTaskWorker: 'src/worker/fileTaskWorker.ts' }, outdir: 'dist/worker' },
  { ...node, entryPoints: { loupe: 'src/cli/loupe.ts' }, outdir: 'dist/cli', banner: { js: '#!/usr/bin/env node' }, define: { LOUPE_VERSION: JSON.stringify(version) } },
  {
    ...common,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    entryPoints: {
      table: 'webview/table/main.ts',
      errorAnalysis: 'webview/errorAnalysis/main.ts',
      metrics: 'webview/metrics/main.ts',
      agreement: 'webview/agreement/main.ts',
      experimentLog: 'webview/experiments/log/main.ts',
      trainingLog: 'webview/experiments/trainingLog/main.ts',
      drift: 'webview/drift/main.ts',
      splitReport: 'webview/splitReport/main.ts',
      comparison: 'webview/comparison/main.ts',
      labelIssues: 'webview/labelIssues/main.ts',
    },
    outdir: 'dist/webview',
  },
];
if (!production) {
  builds.push({ ...node, entryPoints: { index: 'test/vscode/index.ts' }, outdir: 'out/test/vscode', external: ['vscode', 'mocha'] });
}

function copyStatic() {
  mkdirSync('dist/webview', { recursive: true });
  for (const file of readdirSync('media')) if (file.endsWith('.css')) cpSync(path.join('media', file), path.join('dist/webview', file));
  const codicons = 'node_modules/@vscode/codicons/dist';
  cpSync(path.join(codicons, 'codicon.css'), 'dist/webview/codicon.css');
  cpSync(path.join(codicons, 'codicon.ttf'), 'dist/webview/codicon.ttf');
}

rmSync('dist', { recursive: true, force: true });
copyStatic();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('watching…');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
