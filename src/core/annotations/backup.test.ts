import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnnotationSet } from './annotations';
import { parseBackup, serializeBackup, type BackupFile } from './backup';

describe('hot-exit backup', () => {
  it('keeps every kind of unsaved edit: tags, a note alone, a review decision alone, unknown fields', () => {
    const set = new AnnotationSet([]);
    set.redo(set.toggleTag(['a'], 'car noise', true, () => [])!);
    set.redo(set.setNote('b', 'only a note', () => [])!);
    set.redo(set.setReview(['c'], { label: 'yes' }, 'Set label')!);
    set.redo(set.setReview(['d'], { ambiguous: true }, 'Mark ambiguous')!);
    const base: BackupFile['base'] = [['e', { tags: ['blurry'], extra: { reviewer: 'kim' } }]];
    const backup: BackupFile = { loupeBackup: 1, entries: [...set.entries(), ...base], base, baseText: 'header\n' };
    const parsed = parseBackup(serializeBackup(backup));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
    // Unknown fields come back in an object with no prototype (their names are data).
    assert.deepEqual(JSON.parse(JSON.stringify(parsed.backup)), JSON.parse(JSON.stringify(backup)));
    assert.equal(Object.getPrototypeOf(parsed.backup.base[0][1].extra), null);
    const restored = new AnnotationSet(parsed.backup.entries);
    assert.equal(restored.get('b')?.note, 'only a note');
    assert.equal(restored.get('c')?.label, 'yes');
    assert.equal(restored.get('d')?.ambiguous, true);
  });

  it('says why a damaged backup cannot be read instead of throwing', () => {
    const truncated = parseBackup('{"loupeBackup":1,"entries":[["a",{"tags":["x"]');
    assert.ok(!truncated.ok && /not valid JSON/.test(truncated.problem));
    const wrong = parseBackup(JSON.stringify({ loupeBackup: 2, entries: [], base: [], baseText: null }));
    assert.ok(!wrong.ok && wrong.problem.length > 0);
  });
});
