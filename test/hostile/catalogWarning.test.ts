/**
 * A .loupe/tags.json that cannot be parsed: `loupe tags` and `loupe audit` still answer (tag
 * weights only order the ranking) but say so on stderr, located, and in their JSON output.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'src', 'cli', 'loupe.ts');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const run = promisify(execFile);
const CSV = ['id,label,prediction,tags', '1,cat,cat,blurry', '2,cat,dog,blurry', '3,dog,dog,', '4,dog,cat,dark', ''].join('\n');

async function loupe(cwd: string, ...args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', TSX, CLI, ...args], { cwd });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { exitCode: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('tags.json that cannot be parsed: a located warning, default weights', () => {
  let work: string;
  let tags: string;
  before(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-catalog-'));
    await fs.mkdir(path.join(work, '.loupe'));
    tags = path.join(work, '.loupe', 'tags.json');
    await fs.writeFile(path.join(work, 'labels.csv'), CSV);
  });
  after(async () => fs.rm(work, { recursive: true, force: true }));

  for (const command of ['tags', 'audit']) {
    it(`loupe ${command} warns on stderr with file:line:col and puts catalogProblem in its JSON`, async () => {
      await fs.writeFile(tags, '{\n  "version": 1,\n  "tags": [ { "name": "blurry", }\n]}\n');
      const out = await loupe(work, command, 'labels.csv', '--json');
      assert.equal(out.exitCode, 0, out.stderr);
      const where = `${tags}:3:`;
      const line = out.stderr.split('\n').find((l) => l.includes('tags.json'));
      assert.ok(line?.startsWith(`loupe: warning: ${where}`), out.stderr);
      assert.match(line ?? '', /; default weights used$/);
      const json = JSON.parse(out.stdout) as { catalogProblem?: string };
      assert.ok(json.catalogProblem?.startsWith(where), json.catalogProblem);
      assert.equal(await fs.readFile(tags, 'utf8'), '{\n  "version": 1,\n  "tags": [ { "name": "blurry", }\n]}\n');
    });

    it(`loupe ${command} says nothing about a tags.json that parses, nor about none`, async () => {
      await fs.writeFile(tags, '{ "version": 1, "tags": [{ "name": "blurry" }] }\n');
      const out = await loupe(work, command, 'labels.csv', '--json');
      assert.equal(out.exitCode, 0, out.stderr);
      assert.doesNotMatch(out.stderr, /tags\.json/);
      assert.equal((JSON.parse(out.stdout) as { catalogProblem?: string }).catalogProblem, undefined);
      await fs.rm(tags);
      const none = await loupe(work, command, 'labels.csv', '--json');
      assert.doesNotMatch(none.stderr, /tags\.json/);
      assert.equal((JSON.parse(none.stdout) as { catalogProblem?: string }).catalogProblem, undefined);
    });
  }
});
