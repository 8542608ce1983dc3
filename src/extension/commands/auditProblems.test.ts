import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CsvProblem } from '../../core/csv/scanner';
import { confirmAudit, withCsvProblemsSection } from './auditProblems';

const QUOTE: CsvProblem = { kind: 'unterminated-quote', line: 3, severity: 'error', message: 'a quoted field opened here is never closed' };
const RAGGED: CsvProblem = { kind: 'ragged-row', line: 4, severity: 'warning', message: 'row has 2 fields' };

function effects(answer: boolean) {
  const asked: string[] = [];
  return { asked, auditAnyway: async (message: string) => (asked.push(message), answer) };
}

describe('Audit Dataset on a file with CSV problems', () => {
  it('asks nothing when the file has warnings only', async () => {
    const fake = effects(false);
    assert.deepEqual(await confirmAudit('labels.csv', [RAGGED], fake), []);
    assert.deepEqual(fake.asked, []);
  });

  it('names file:line of each error-level problem and stops unless the user audits anyway', async () => {
    const fake = effects(false);
    assert.equal(await confirmAudit('labels.csv', [QUOTE, RAGGED], fake), undefined);
    assert.equal(fake.asked.length, 1);
    assert.match(fake.asked[0], /^Loupe: labels\.csv has 1 error-level CSV problem: .* labels\.csv:3: a quoted field opened here is never closed\. Fix the file/);
    assert.doesNotMatch(fake.asked[0], /:4:/);
    assert.deepEqual(await confirmAudit('labels.csv', [QUOTE, RAGGED], effects(true)), [QUOTE]);
  });

  it('a report made anyway starts with a CSV problems section, before any figure', () => {
    const report = withCsvProblemsSection('# Loupe audit: labels.csv\n\naccuracy **75.0%**\n', 'labels.csv', [QUOTE]);
    assert.equal(report.split('\n').slice(0, 5).join('\n'), '## CSV problems\n\nlabels.csv has 1 error-level CSV problem: Loupe could not read it correctly, so every figure below may be wrong.\n\n- labels.csv:3: a quoted field opened here is never closed');
    assert.ok(report.indexOf('## CSV problems') < report.indexOf('75.0%'));
    assert.equal(withCsvProblemsSection('# report\n', 'labels.csv', []), '# report\n');
  });

  it('lists ten problems and counts the rest', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...QUOTE, line: i + 2 }));
    const report = withCsvProblemsSection('# r\n', 'a.csv', many);
    assert.equal(report.split('\n').filter((l) => l.startsWith('- ')).length, 11);
    assert.match(report, /- and 2 more\n/);
  });
});
