/** The `loupe` command line: the same analytics as the extension, for scripts and CI. */
import { parseArgs } from 'node:util';
import { CliError } from './cliError';
import { runExperiments } from './commands/experiments';
import { runInfo } from './commands/info';
import { runRecord } from './commands/record';
import { runTags } from './commands/tags';

const USAGE = `usage: loupe <command> [options]

commands:
  info <csv> [--json]                         rows, columns, inferred roles, misclassified rows, CSV problems
  tags <csv> [--annotations <file>] [--json | --md]
                                              error analysis by tag, ranked by what to improve first
  record --name <name> [--params <file>] [--param key=value]... [--metrics <file>]
         [--dataset <csv> [--score]] [--notes <text>] [--baseline <kind>] [--json]
                                              records an experiment in .loupe/experiments/<id>.json:
                                              git state (commit, branch, dirty, diff hash, remote),
                                              dataset hash, rows and annotation state, params, metrics
  experiments [--json]                        the recorded experiments, newest first

record options:
  --params <file>          params.yaml, params.json or a Hydra .hydra/config.yaml
  --param key=value        a param typed by hand (repeatable; dotted keys nest; overrides the file)
  --metrics <file>         metrics.json (nested names join with "/") or dvclive/metrics.json
  --dataset <csv>          hashed by streaming; its .loupe/annotations sidecar is hashed too
  --score                  compute accuracy, macro/weighted F1, per-tag and per-slice metrics
                           from the dataset's label and prediction columns
  --baseline <kind>        none, human-level, previous-system or quick-and-dirty

The workspace is the nearest folder at or above the current one holding .loupe/ or .git
(else the current folder). Git runs with -c core.fsmonitor=false; without git (or outside a
repository) the record says why. Two processes recording at once both succeed.

JSON outputs (stable; experiment records follow the versioned schema, "version": 1):
  record --json       {"id", "file" (relative to root), "root", "experiment": <record>}
  experiments --json  {"root", "experiments": [<record>, ...] newest first,
                       "problems": [{"file", "message"}] for files that could not be read}

options:
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
    const output = await runCommand(command, rest);
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return 0;
  } catch (error) {
    const exitCode = error instanceof CliError ? error.exitCode : 2;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`loupe: ${message}\n`);
    return exitCode;
  }
}

async function runCommand(command: string, args: string[]): Promise<string> {
  const { values, positionals } = parseArguments(args);
  const json = values.json ?? false;
  switch (command) {
    case 'info':
      return runInfo(positionals[0], { json });
    case 'tags':
      return runTags(positionals[0], { json, md: values.md ?? false, annotations: values.annotations });
    case 'record':
      if (positionals.length > 0) throw new CliError(`record takes no positional arguments (got "${positionals[0]}"); quote a name with spaces: --name "my run"`);
      return runRecord({
        name: values.name,
        params: values.params,
        param: values.param,
        metrics: values.metrics,
        dataset: values.dataset,
        score: values.score,
        notes: values.notes,
        baseline: values.baseline,
        json,
      });
    case 'experiments':
      return runExperiments({ json });
    default:
      throw new CliError(`unknown command "${command}". Run "loupe --help" for the list.`);
  }
}

function parseArguments(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        md: { type: 'boolean', default: false },
        annotations: { type: 'string' },
        name: { type: 'string' },
        params: { type: 'string' },
        param: { type: 'string', multiple: true },
        metrics: { type: 'string' },
        dataset: { type: 'string' },
        score: { type: 'boolean' },
        notes: { type: 'string' },
        baseline: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}. Run "loupe --help" for the options.`);
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
