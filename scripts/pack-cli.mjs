// Packs the CLI on its own (npm run pack:cli): dist-cli/ holds the bundled cli/loupe.js (and the
// worker a big file's two-thread load uses), a package.json with no dependencies, the README and
// the LICENSE; `npm pack` writes dist-cli/loupe-<version>.tgz, runnable with `npx ./loupe-<version>.tgz`.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist-cli');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

rmSync(OUT, { recursive: true, force: true });
const node = { bundle: true, minify: true, platform: 'node', target: 'node20', format: 'cjs', legalComments: 'none', logLevel: 'warning', absWorkingDir: ROOT };
await esbuild.build({ ...node, entryPoints: { loupe: 'src/cli/loupe.ts' }, outdir: path.join(OUT, 'cli'), banner: { js: '#!/usr/bin/env node' }, define: { LOUPE_VERSION: JSON.stringify(version) } });
await esbuild.build({ ...node, entryPoints: { parsePartWorker: 'src/worker/parsePartWorker.ts' }, outdir: path.join(OUT, 'worker') });

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'cli-package', 'package.json'), 'utf8'));
writeFileSync(path.join(OUT, 'package.json'), `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
copyFileSync(path.join(ROOT, 'cli-package', 'README.md'), path.join(OUT, 'README.md'));
copyFileSync(path.join(ROOT, 'LICENSE'), path.join(OUT, 'LICENSE'));
mkdirSync(OUT, { recursive: true });

// --ignore-scripts: packing runs nothing the package could declare.
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts'], { cwd: OUT, encoding: 'utf8' }));
const file = path.join(OUT, packed[0].filename);
console.log(`${path.relative(ROOT, file)} (${packed[0].entryCount} files, ${(packed[0].size / 1024).toFixed(0)} KB)`);
