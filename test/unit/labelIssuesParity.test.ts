/** The table's likely label errors (the worker session) and `loupe issues --json` on the same file: the same rows, in the same order. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runIssues } from '../../src/cli/commands/issues';
import { DatasetSession } from '../../src/worker/datasetSession';

const FIXTURE = path.resolve(__dirname, '../../src/worker/fixtures/wine-probabilities.csv');

interface IssuesJson {
  used: number;
  leftOut: number;
  classes: string[];
  issueCount: number;
  issues: { row: number; id: string | null; label: string; suggested: string; selfConfidence: number }[];
}

describe('likely label errors: table and CLI', () => {
  it('the table filter, sorted by label quality, lists exactly the rows of loupe issues --json', async () => {
    const { output, exitCode } = await runIssues(FIXTURE, { json: true });
    assert.equal(exitCode, 0);
    const cli = JSON.parse(output) as IssuesJson;
    const session = await DatasetSession.load(FIXTURE, {});
    try {
      const summary = session.summary.labelIssues!;
      assert.deepEqual([summary.used, summary.leftOut, summary.issues, summary.classes], [cli.used, cli.leftOut, cli.issueCount, cli.classes]);
      const view = await session.setView({ likelyError: true }, { column: 'labelQuality', descending: false });
      assert.equal(view.count, cli.issueCount);
      const rows = session.rows(0, view.count);
      assert.deepEqual(
        rows.map((r) => [r.row + 1, r.key, r.labelIssue?.given, r.labelIssue?.suggested, r.labelIssue?.selfConfidence]),
        cli.issues.map((e) => [e.row, e.id, e.label, e.suggested, e.selfConfidence]),
      );
    } finally {
      session.close();
    }
  });
});
