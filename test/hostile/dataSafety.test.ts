/**
 * Hostile inputs for the data the user wrote (tags.json, the sidecar, temp files, audit report
 * names): each case asserts the exact outcome, and that nothing the files held is lost.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { AnnotationSet } from '../../src/core/annotations/annotations';
import { parseSidecar, serializeSidecar, type SidecarHeader } from '../../src/core/annotations/sidecar';
import { parseTagCatalog, serializeTagCatalog, withTags } from '../../src/core/annotations/tagCatalog';
import { STALE_TEMP_MS, sweepStaleTemps, writeFileAtomic } from '../../src/node/atomicWrite';
import { LOUPE_GITIGNORE } from '../../src/node/loupeGitignore';
import { loadDatasetFile, releaseLoadedFile } from '../../src/node/loadDataset';
import { auditReportStem, chooseAuditReportStem } from '../../src/node/reportPaths';
import { saveSidecarFile } from '../../src/node/sidecarFile';
import { CatalogUnreadableError, updateCatalogFile } from '../../src/node/tagCatalogFile';
import { newTranscodeFolder, sweepTranscodedCopies, transcodedRoot } from '../../src/node/transcodedCopies';

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const HEADER: SidecarHeader = { loupe: 'annotations', version: 1, dataset: 'labels.csv', key: 'id' };
const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function project(): { root: string; loupe: string; sidecar: string; tags: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loupe-hostile-safety-'));
  roots.push(root);
  const loupe = path.join(root, '.loupe');
  mkdirSync(path.join(loupe, 'annotations'), { recursive: true });
  return { root, loupe, sidecar: path.join(loupe, 'annotations', 'labels.csv.jsonl'), tags: path.join(loupe, 'tags.json') };
}

function baks(file: string): string[] {
  return readdirSync(path.dirname(file)).filter((n) => n.startsWith(`${path.basename(file)}.`) && n.endsWith('.bak'));
}

function prototypeUntouched(): void {
  for (const key of [...HOSTILE_KEYS, 'polluted', 'x']) assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, key) && key !== 'constructor' && key !== 'toString' && key !== 'hasOwnProperty' && key !== '__proto__', false);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(({} as Record<string, unknown>).x, undefined);
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
}

describe('item 9: tags.json that cannot be parsed is never written over', () => {
  const handEdited = '{\n  "version": 1,\n  "tags": [\n    { "name": "car noise", "description": "engine hum", "ease": 2, "importance": 3 },\n  ]\n}\n';

  it('trailing comma: refused with file:line, bytes unchanged, a .bak kept; a second refusal adds no second .bak', async () => {
    const { tags } = project();
    writeFileSync(tags, handEdited);
    const attempt = () => updateCatalogFile(tags, (c) => withTags(c, ['blurry']));
    await assert.rejects(attempt(), (error: unknown) => {
      assert.ok(error instanceof CatalogUnreadableError);
      assert.equal(error.code, 'catalog-unreadable');
      assert.match(error.message, new RegExp(`^${tags.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:3: not valid JSON: a comma before "\\]" \\(trailing comma\\)`));
      assert.match(error.message, /fix it, then try again/);
      return true;
    });
    assert.equal(readFileSync(tags, 'utf8'), handEdited);
    assert.equal(baks(tags).length, 1);
    assert.equal(readFileSync(path.join(path.dirname(tags), baks(tags)[0]), 'utf8'), handEdited);
    await assert.rejects(attempt(), CatalogUnreadableError);
    assert.equal(baks(tags).length, 1);
  });

  it('a tag listed twice: refused too (a rewrite would drop the second definition)', async () => {
    const { tags } = project();
    const text = '{"version":1,"tags":[\n{"name":"a","description":"first"},\n{"name":"a","description":"second"}\n]}';
    writeFileSync(tags, text);
    await assert.rejects(updateCatalogFile(tags, (c) => withTags(c, ['b'])), /tags\.json:3:2: the tag "a" is listed twice/);
    assert.equal(readFileSync(tags, 'utf8'), text);
  });

  it('a readable file: hand edits made since it was read are kept, unknown fields too', async () => {
    const { tags, loupe } = project();
    writeFileSync(tags, '{"version":1,"team":"asr","tags":[{"name":"car noise","description":"engine hum","ease":2,"owner":"kim"}]}');
    const next = await updateCatalogFile(tags, (c) => withTags(c, ['blurry']));
    assert.deepEqual(next.tags.map((t) => t.name), ['car noise', 'blurry']);
    const written = JSON.parse(readFileSync(tags, 'utf8'));
    assert.equal(written.team, 'asr');
    // The rewrite also records the key the tag had from its place in the list (stable keys).
    assert.deepEqual(written.tags[0], { name: 'car noise', description: 'engine hum', ease: 2, importance: 1, hlp: null, owner: 'kim', hotkey: '1' });
    assert.equal(readFileSync(path.join(loupe, '.gitignore'), 'utf8'), LOUPE_GITIGNORE);
  });

  it('nothing new: the hand-formatted file is not rewritten', async () => {
    const { tags } = project();
    const text = '{ "version": 1, "tags": [ { "name": "a" } ] }';
    writeFileSync(tags, text);
    await updateCatalogFile(tags, (c) => withTags(c, ['a']));
    assert.equal(readFileSync(tags, 'utf8'), text);
  });

  it('other broken shapes are refused with a located or named problem', async () => {
    const cases: [string, RegExp][] = [
      ['', /:1:1: not valid JSON: expected a value \(found the end of the file\)/],
      ['{"version":1,"tags":[{"name":"a"}]', /:1:35: not valid JSON: expected "," or "}" \(found the end of the file\)/],
      ['{"version":1,"tags":[{name:"a"}]}', /:1:23: not valid JSON: expected a property name/],
      ['{"version":1,"tags":[{"name":"a","ease":-1}]}', /tags\.json: .*ease/s],
      ['[]', /tags\.json: /],
      ['\uFEFF{"version":1,"tags":[]}', /:1:1: not valid JSON/],
    ];
    for (const [text, expected] of cases) {
      const { tags } = project();
      writeFileSync(tags, text);
      await assert.rejects(updateCatalogFile(tags, (c) => withTags(c, ['x'])), expected, JSON.stringify(text));
      assert.equal(readFileSync(tags, 'utf8'), text);
      assert.equal(baks(tags).length, 1);
    }
  });
});

describe('item 10: a sidecar never loses lines', () => {
  const duplicated = [
    '{"loupe":"annotations","version":1,"dataset":"labels.csv","key":"id"}',
    '{"id":"a1","tags":["blurry"]}',
    '{"id":"b2","tags":["car noise"],"note":"ours"}',
    '{"id":"c3","tags":["x"]}',
    '',
    '{"id":"d4","note":"n"}',
    '{"id":"b2","tags":["people noise"],"note":"theirs"}',
  ].join('\n');

  it('the same id on lines 3 and 7: both lines named, tags merged, a .bak on the next save', async () => {
    const { sidecar, loupe } = project();
    writeFileSync(sidecar, duplicated);
    const parsed = parseSidecar(duplicated);
    assert.deepEqual(parsed.problems.map((p) => [p.kind, p.firstLine, p.line]), [['duplicate', 3, 7]]);
    assert.match(parsed.problems[0].message, /^id "b2" is also on line 3 .*both notes kept/);
    const base = { annotations: new AnnotationSet(parsed.entries), text: duplicated, problems: parsed.problems };
    assert.deepEqual(base.annotations.get('b2'), { tags: ['car noise', 'people noise'], note: 'ours\ntheirs' });
    const saved = await saveSidecarFile({ file: sidecar, loupeDir: loupe, header: HEADER, annotations: base.annotations, base });
    assert.equal(saved.backups.length, 1);
    assert.match(saved.backups[0].reason, /1 repeated key line was merged/);
    assert.equal(readFileSync(saved.backups[0].file, 'utf8'), duplicated);
    const after = parseSidecar(readFileSync(sidecar, 'utf8'));
    assert.deepEqual(after.problems, []);
    assert.deepEqual(after.entries.map(([k]) => k), ['a1', 'b2', 'c3', 'd4']);
  });

  it('changed on disk while dirty, with an unreadable line: merged, and the on-disk version kept as .bak', async () => {
    const { sidecar, loupe } = project();
    const original = '{"loupe":"annotations","version":1,"dataset":"labels.csv","key":"id"}\n{"id":"a","tags":["x"]}\n';
    writeFileSync(sidecar, original);
    const base = { annotations: new AnnotationSet(parseSidecar(original).entries), text: original, problems: [] };
    const theirs = original + '{"id":"b","tags":["y"]\n{"id":"c","tags":["z"]}\n';
    writeFileSync(sidecar, theirs);
    const ours = new AnnotationSet([['a', { tags: ['x', 'mine'] }]]);
    const saved = await saveSidecarFile({ file: sidecar, loupeDir: loupe, header: HEADER, annotations: ours, base });
    assert.equal(saved.merged, true);
    assert.deepEqual([...saved.written.entries()], [['a', { tags: ['x', 'mine'] }], ['c', { tags: ['z'] }]]);
    assert.equal(saved.backups.length, 1);
    assert.match(saved.backups[0].reason, /as changed on disk: 1 unreadable line was not kept/);
    assert.equal(readFileSync(saved.backups[0].file, 'utf8'), theirs);
  });

  it('a clean sidecar saved: no .bak; Save As over another sidecar keeps that one', async () => {
    const { sidecar, loupe } = project();
    const ours = new AnnotationSet([['a', { tags: ['x'] }]]);
    const first = await saveSidecarFile({ file: sidecar, loupeDir: loupe, header: HEADER, annotations: ours, base: { annotations: new AnnotationSet(), text: undefined, problems: [] } });
    assert.deepEqual(first.backups, []);
    assert.deepEqual(baks(sidecar), []);
    const other = serializeSidecar(HEADER, [['z', { note: 'someone else' }]]);
    writeFileSync(sidecar, other);
    const saveAs = await saveSidecarFile({ file: sidecar, loupeDir: loupe, header: HEADER, annotations: ours });
    assert.equal(saveAs.backups.length, 1);
    assert.equal(readFileSync(saveAs.backups[0].file, 'utf8'), other);
  });

  it('fuzz: hostile ids, tag names and field names are kept as data; Object.prototype untouched', () => {
    const hostile = fc.constantFrom(...HOSTILE_KEYS);
    const text = fc.oneof(hostile, fc.string({ minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(text, fc.array(text, { maxLength: 3 }), hostile, fc.jsonValue({ maxDepth: 2 })), { selector: ([id]) => id, maxLength: 6 }), (rows) => {
        const lines = rows.map(([id, tags, field, value]) => JSON.stringify(Object.defineProperty({ id, tags }, field, { value, enumerable: true })));
        const parsed = parseSidecar([JSON.stringify(HEADER), ...lines].join('\n'));
        assert.deepEqual(parsed.problems, []);
        assert.deepEqual(parsed.entries.map(([k]) => k), rows.map(([id]) => id));
        for (const [i, [, tags, field, value]] of rows.entries()) {
          const annotation = parsed.entries[i][1];
          assert.deepEqual(annotation.tags ?? [], [...new Set(tags)]);
          assert.ok(Object.hasOwn(annotation.extra ?? {}, field));
          assert.equal(JSON.stringify(annotation.extra![field]), JSON.stringify(value));
        }
        const again = parseSidecar(serializeSidecar(HEADER, parsed.entries));
        // Written sorted by key: compare in that order.
        const byKey = (entries: typeof parsed.entries) => JSON.stringify([...entries].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
        assert.equal(byKey(again.entries), byKey(parsed.entries));
        prototypeUntouched();
      }),
      { numRuns: 300 },
    );
  });

  it('fuzz: a sidecar cut at any byte gives the complete lines before the cut, or a located problem', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 5 }), fc.array(fc.constantFrom(...HOSTILE_KEYS, 'a b', 'é'), { maxLength: 2 }), fc.string({ maxLength: 8 })), { selector: ([id]) => id, minLength: 1, maxLength: 5 }), fc.nat(), (rows, cutSeed) => {
        const entries = rows.map(([id, tags, note]): [string, { tags: string[]; note?: string }] => [id, note ? { tags, note } : { tags }]);
        const full = serializeSidecar(HEADER, entries);
        const bytes = Buffer.from(full, 'utf8');
        const cut = cutSeed % (bytes.length + 1);
        const torn = bytes.subarray(0, cut).toString('utf8');
        const parsed = parseSidecar(torn);
        const whole = parseSidecar(full).entries;
        const complete = torn.split('\n').length - 1; // lines ended before the cut
        const expected = whole.slice(0, Math.max(0, complete - 1));
        const tail = torn.slice(torn.lastIndexOf('\n') + 1);
        // Every entry read is one of the file's, as written: nothing invented.
        for (const [key, annotation] of parsed.entries) assert.deepEqual(annotation, whole.find(([k]) => k === key)?.[1]);
        assert.deepEqual(parsed.entries.slice(0, expected.length), expected);
        if (parsed.entries.length > expected.length) {
          // The cut fell just after a line's closing brace: that line is complete.
          assert.equal(tail.endsWith('}'), true);
        } else if (tail.trim() !== '' && !(complete === 0 && parsed.header)) {
          assert.equal(parsed.problems.length, 1);
          assert.equal(parsed.problems[0].line, complete + 1);
        }
        prototypeUntouched();
      }),
      { numRuns: 500 },
    );
  });
});

describe('tags.json fuzz', () => {
  it('hostile tag names and field names are kept as data through a rewrite', () => {
    const hostile = fc.constantFrom(...HOSTILE_KEYS);
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(hostile, fc.string({ minLength: 1, maxLength: 5 }).filter((s) => s.trim() !== '' && s.trim() === s)), { maxLength: 5 }), hostile, fc.jsonValue({ maxDepth: 2 }), (names, field, value) => {
        const tags = names.map((name) => Object.defineProperty({ name }, field, { value, enumerable: true }));
        const text = JSON.stringify(Object.defineProperty({ version: 1, tags }, field, { value, enumerable: true }));
        const parsed = parseTagCatalog(text);
        assert.equal(parsed.problem, undefined);
        assert.deepEqual(parsed.catalog.tags.map((t) => t.name), names);
        const back = JSON.parse(serializeTagCatalog(parsed.catalog));
        assert.equal(JSON.stringify(Object.getOwnPropertyDescriptor(back, field)?.value), JSON.stringify(value));
        for (const t of back.tags) assert.equal(JSON.stringify(Object.getOwnPropertyDescriptor(t, field)?.value), JSON.stringify(value));
        prototypeUntouched();
      }),
      { numRuns: 300 },
    );
  });

  it('a tags.json cut at any byte is either the whole catalog or a located problem, never a partial list', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...HOSTILE_KEYS, 'car noise', 'blurry', 'é'), { minLength: 1 }), fc.nat(), (names, seed) => {
        const full = serializeTagCatalog({ version: 1, tags: names.map((name) => ({ name, ease: 2, importance: 1, hlp: null })) });
        const bytes = Buffer.from(full, 'utf8');
        const cut = seed % bytes.length;
        const torn = bytes.subarray(0, cut).toString('utf8');
        const parsed = parseTagCatalog(torn);
        if (torn.trimEnd() === full.trimEnd()) {
          assert.deepEqual(parsed.catalog.tags.map((t) => t.name), names);
        } else {
          assert.deepEqual(parsed.catalog.tags, []);
          assert.ok(parsed.problem?.line !== undefined && parsed.problem.line >= 1);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('item 11: no files left behind', () => {
  it('temp files of a writer killed mid-save are swept on the next save; live and foreign files are not', async () => {
    const { loupe } = project();
    const dir = path.join(loupe, 'annotations');
    const dead = `.labels.csv.jsonl.loupe-999999999-0123abcd.tmp`;
    const legacy = `.labels.csv.jsonl.999999998.89abcdef.tmp`;
    const live = `.labels.csv.jsonl.loupe-${process.pid}-00000000.tmp`;
    const old = `.other.jsonl.loupe-${process.pid}-11111111.tmp`;
    const user = 'notes.tmp';
    for (const name of [dead, legacy, live, old, user]) writeFileSync(path.join(dir, name), 'x'.repeat(1000));
    const longAgo = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
    utimesSync(path.join(dir, old), longAgo, longAgo);
    const removed = await sweepStaleTemps(dir);
    assert.deepEqual(removed.sort(), [legacy, dead, old].sort());
    assert.deepEqual(readdirSync(dir).sort(), [live, user].sort());
  });

  it('a save SIGKILLed after writing its temp file leaves it; the next save in that folder removes it', async () => {
    const { loupe } = project();
    const dir = path.join(loupe, 'annotations');
    const script = `const fs=require('fs');fs.writeFileSync(${JSON.stringify(dir)}+'/.labels.csv.jsonl.loupe-'+process.pid+'-deadbeef.tmp','x'.repeat(1<<20));process.kill(process.pid,'SIGKILL');`;
    const child = spawnSync(process.execPath, ['-e', script]);
    assert.equal(child.signal, 'SIGKILL');
    assert.equal(readdirSync(dir).filter((n) => n.endsWith('.tmp')).length, 1);
    await writeFileAtomic(path.join(dir, 'labels.csv.jsonl'), 'new\n');
    assert.deepEqual(readdirSync(dir), ['labels.csv.jsonl']);
  });

  it('.loupe/.gitignore is written when absent and never over the user\'s', async () => {
    const { loupe, sidecar } = project();
    await saveSidecarFile({ file: sidecar, loupeDir: loupe, header: HEADER, annotations: new AnnotationSet([['a', { tags: ['x'] }]]) });
    assert.equal(readFileSync(path.join(loupe, '.gitignore'), 'utf8'), LOUPE_GITIGNORE);
    const other = project();
    writeFileSync(path.join(other.loupe, '.gitignore'), '# mine\n*\n');
    await saveSidecarFile({ file: other.sidecar, loupeDir: other.loupe, header: HEADER, annotations: new AnnotationSet([['a', { tags: ['x'] }]]) });
    assert.equal(readFileSync(path.join(other.loupe, '.gitignore'), 'utf8'), '# mine\n*\n');
  });

  it('a UTF-16 file: its UTF-8 copy is private (0600 in a 0700 folder), deleted when released, nothing in the system temp folder', async () => {
    const { root } = project();
    const file = path.join(root, 'utf16.csv');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,label\n1,a\n', 'utf16le')]));
    const storage = path.join(root, 'storage');
    const cacheDir = newTranscodeFolder(storage);
    const before = readdirSync(os.tmpdir()).filter((n) => n.startsWith('utf16.csv')).length;
    const loaded = await loadDatasetFile(file, {}, { cacheDir });
    assert.ok(loaded.transcodedCopy?.startsWith(cacheDir));
    if (process.platform !== 'win32') {
      assert.equal(statSync(loaded.transcodedCopy!).mode & 0o777, 0o600);
      assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
    }
    assert.equal(readdirSync(os.tmpdir()).filter((n) => n.startsWith('utf16.csv')).length, before);
    await releaseLoadedFile(loaded);
    assert.equal(existsSync(loaded.transcodedCopy!), false);
    assert.equal(readFileSync(file).length > 0, true);
  });

  it('a UTF-8 file is never deleted by release', async () => {
    const { root } = project();
    const file = path.join(root, 'plain.csv');
    writeFileSync(file, 'id,label\n1,a\n');
    const loaded = await loadDatasetFile(file);
    assert.equal(loaded.transcodedCopy, undefined);
    await releaseLoadedFile(loaded);
    assert.equal(existsSync(file), true);
  });

  it('a load that fails leaves no copy', async () => {
    const { root } = project();
    const file = path.join(root, 'cancel.csv');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,label\n' + '1,a\n'.repeat(1000), 'utf16le')]));
    const cacheDir = path.join(root, 'cache');
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(loadDatasetFile(file, {}, { cacheDir, signal: controller.signal }));
    assert.deepEqual(readdirSync(cacheDir), []);
  });

  it('the start-up sweep removes copy folders of dead processes only', async () => {
    const { root } = project();
    const storage = path.join(root, 'storage');
    const folder = transcodedRoot(storage);
    for (const name of ['999999999-0123abcd', `${process.pid}-89abcdef`, 'user-folder']) mkdirSync(path.join(folder, name), { recursive: true });
    writeFileSync(path.join(folder, '999999999-0123abcd', 'x.csv.loupe-utf8-1-00000000.csv'), 'data');
    assert.deepEqual(await sweepTranscodedCopies(storage), ['999999999-0123abcd']);
    assert.deepEqual(readdirSync(folder).sort(), [`${process.pid}-89abcdef`, 'user-folder'].sort());
  });
});

describe('item 12: audit reports of two files never overwrite each other', () => {
  it('a/labels.csv and b/labels.csv on the same day get different, stable names', () => {
    const a = auditReportStem('/w', 'a/labels.csv', '2025-01-02');
    const b = auditReportStem('/w', 'b/labels.csv', '2025-01-02');
    assert.notEqual(a, b);
    assert.equal(a, auditReportStem('/w', 'a/labels.csv', '2025-01-02'));
    assert.match(path.basename(a), /^loupe-audit-labels-[0-9a-f]{6}-2025-01-02$/);
  });

  it('an existing report of another file (or an unreadable one) is never reused; the same file\'s is replaced', async () => {
    const { root } = project();
    const stem = auditReportStem(root, 'a/labels.csv', '2025-01-02');
    mkdirSync(path.dirname(stem), { recursive: true });
    writeFileSync(`${stem}.json`, JSON.stringify({ file: 'other/labels.csv' }));
    writeFileSync(`${stem}-2.md`, '# hand-written');
    assert.equal(await chooseAuditReportStem(root, 'a/labels.csv', '2025-01-02'), `${stem}-3`);
    writeFileSync(`${stem}.json`, JSON.stringify({ file: 'a/labels.csv' }));
    assert.equal(await chooseAuditReportStem(root, 'a/labels.csv', '2025-01-02'), stem);
  });

  it('a hostile file name stays inside reports/', () => {
    const stem = auditReportStem('/w', '../../etc/passwd\n.csv', '2025-01-02');
    assert.equal(path.dirname(stem), path.join('/w', 'reports'));
  });
});
