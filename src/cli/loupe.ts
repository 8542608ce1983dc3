/** The `loupe` command line: the same analytics as the extension, for scripts and CI. */
import { parseArgs } from 'node:util';
import { CliError } from './cliError';
import { runInfo } from './commands/info';
import { runTags } from './commands/tags';
import { runMetrics } from './commands/metrics';
import { runAudit } from './commands/audit';
import { runAgreement } from './commands/agreement';

const USAGE = `usage: loupe <command> [options]

commands:
  info <csv> [--json]                         rows, columns, inferred roles, misclassified rows, CSV problems
  tags <csv> [--annotations <file>] [--json | --md]
                                              error analysis by tag, ranked by what to improve first
  metrics <csv> [--json] [--positive <class>] [--threshold <t>]
                                              confusion matrix, per-class precision/recall/F1, averages;
                                              ROC AUC, average precision, best-F1 threshold for binary data
  audit <csv> [--slices a,b] [--margin 0.02] [--json | --md] [--fail-on-flagged]
                                              metrics, slices (flagged first), tags and label consistency;
                                              exit code 1 when a slice is flagged and --fail-on-flagged is given
  agreement <csv|export.json> [--labelers a,b,c | --long] [--json]
                                              labeler agreement: percent, Cohen's and Fleiss' kappa,
                                              Krippendorff's alpha (95% CI), ambiguous class pairs, HLP

options:
  --label, --prediction, --score <column>     use these columns instead of the inferred roles
  --json                   machine-readable output
  -h, --help               this help
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        md: { type: 'boolean', default: false },
        annotations: { type: 'string' },
        label: { type: 'string' },
        prediction: { type: 'string' },
        score: { type: 'string' },
        positive: { type: 'string' },
        threshold: { type: 'string' },
        slices: { type: 'string' },
        margin: { type: 'string' },
        'fail-on-flagged': { type: 'boolean', default: false },
        labelers: { type: 'string' },
        long: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    });
    let output: string;
    switch (command) {
      case 'info':
        output = await runInfo(positionals[0], { json: values.json ?? false });
        break;
      case 'tags':
        output = await runTags(positionals[0], { json: values.json ?? false, md: values.md ?? false, annotations: values.annotations });
        break;
      case 'metrics':
        output = await runMetrics(positionals[0], { json: values.json ?? false, label: values.label, prediction: values.prediction, score: values.score, positive: values.positive, threshold: numberOption(values.threshold, '--threshold') });
        break;
      case 'audit': {
        const result = await runAudit(
          positionals[0],
          { json: values.json ?? false, md: values.md ?? false, slices: values.slices, margin: numberOption(values.margin, '--margin'), failOnFlagged: values['fail-on-flagged'] ?? false, label: values.label, prediction: values.prediction, score: values.score, annotations: values.annotations },
          argv,
        );
        process.stdout.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
        return result.exitCode;
      }
      case 'agreement':
        output = await runAgreement(positionals[0], { json: values.json ?? false, labelers: values.labelers, long: values.long ?? false });
        break;
      default:
        throw new CliError(`unknown command "${command}". Run "loupe --help" for the list.`);
    }
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return 0;
  } catch (error) {
    const exitCode = error instanceof CliError ? error.exitCode : 2;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`loupe: ${message}\n`);
    return exitCode;
  }
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`${name} needs a number, not "${value}"`);
  return n;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
