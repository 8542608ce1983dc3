import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDataIntegrity } from '../../core/audit/dataChecksSection';
import { describeDataChecks } from './dataCheckProblems';

const coded = (values: string[]) => {
  const dictionary = [...new Set(values)];
  return { codes: Int32Array.from(values, (v) => dictionary.indexOf(v)), dictionary };
};

test("conflicts, leakage and duplicates (in the audit's order) name their rows and lines and say what to do; a summary on line 1", () => {
  const section = checkDataIntegrity({
    inputColumn: 'text',
    keys: ['t:a', 't:b', 't:a', 't:c', 't:b', 't:c', 't:d'],
    label: { name: 'label', column: coded(['yes', 'no', 'yes', 'no', 'yes', 'no', 'no']) },
    split: { name: 'split', column: coded(['train', 'train', 'test', 'train', 'train', 'train', 'dev']) },
    rowLines: [2, 3, 4, 5, 6, 7, 8],
  });
  const problems = describeDataChecks(section);
  assert.deepEqual(problems.map((p) => [p.line, p.severity, p.code]), [
    [1, 'warning', 'dataChecks'],
    [3, 'warning', 'conflictingLabels'],
    [2, 'warning', 'leakage'],
    [5, 'information', 'duplicate'],
  ]);
  assert.equal(problems[0].message, 'Data checks on "text": 3 duplicate groups covering 6 rows, 1 with conflicting labels, 1 leaked across "split".');
  assert.match(problems[2].message, /^Leakage: the same text is in "train", "test" of "split": rows 1, 3 \(lines 2, 4\)\. .*Keep one copy/);
  assert.match(problems[1].message, /^Conflicting labels: rows 2, 5 \(lines 3, 6\) have the same text but labels "no", "yes" in "label"\. Relabel/);
  assert.match(problems[3].message, /^Duplicate: rows 4, 6 \(lines 5, 7\) have the same text\./);
});

test('nothing found, or no input column: no problems', () => {
  assert.deepEqual(describeDataChecks(null), []);
  assert.deepEqual(describeDataChecks(checkDataIntegrity({ inputColumn: 'text', keys: ['t:a', 't:b'], rowLines: [2, 3] })), []);
});

test('hostile text stays text: quotes and line breaks are escaped in messages', () => {
  const section = checkDataIntegrity({ inputColumn: 'text', keys: ['t:x', 't:x'], split: { name: 'split', column: coded(['<b>"train"</b>', 'te\nst']) }, rowLines: [2, 3] });
  const [, leak] = describeDataChecks(section);
  assert.ok(leak.message.includes('"<b>\\"train\\"</b>", "te\\nst"'), leak.message);
});
