/** The `loupe` command line: the same analytics as the extension, for scripts and CI. */
import { parseArgs } from 'node:util';
import { CliError } from './cliError';
import { runInfo } from './commands/info';
import { runTags } from './commands/tags';

const USAGE = `usage: loupe <command> [options]

commands:
  info <csv> [--json]                         rows, columns, inferred roles, misclassified rows, CSV problems
  tags <csv> [--annotations <file>] [--json | --md]
                                              error analysis by tag, ranked by what to improve first

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
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        md: { type: 'boolean', default: false },
        annotations: { type: 'string' },
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

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
