import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const manifestText = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
const strings = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, unknown>;

test('every %key% of package.json has its English text in package.nls.json, and every text there is used', () => {
  const used = new Set<string>();
  JSON.parse(manifestText, (_key, value: unknown) => {
    if (typeof value === 'string' && /^%[^%]+%$/.test(value)) used.add(value.slice(1, -1));
    return value;
  });
  assert.ok(used.size > 50, `${used.size} strings`);
  for (const key of used) assert.equal(typeof strings[key], 'string', `${key} in package.nls.json`);
  assert.deepEqual(Object.keys(strings).filter((k) => !used.has(k)), [], 'no unused text');
});

test("the manifest's user-facing text lives in package.nls.json", () => {
  const manifest = JSON.parse(manifestText) as { displayName: string; description: string; contributes: { commands: { title: string; category?: string }[]; walkthroughs: { title: string; steps: { title: string; description: string }[] }[] } };
  const literal = (s: string | undefined) => s !== undefined && !/^%[^%]+%$/.test(s);
  assert.ok(!literal(manifest.displayName) && !literal(manifest.description));
  assert.deepEqual(manifest.contributes.commands.filter((c) => literal(c.title) || literal(c.category)).map((c) => c.title), []);
  for (const w of manifest.contributes.walkthroughs) for (const s of [w, ...w.steps]) assert.ok(!literal(s.title), s.title);
});
