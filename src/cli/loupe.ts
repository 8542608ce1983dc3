/** The `loupe` command line: the same analytics as the extension, for scripts and CI. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cliError';
import { runAgreement } from './commands/agreement';
import { runAudit } from './commands/audit';
import { runDrift } from './commands/drift';
import { runCompare } from './commands/compare';
import { runExperiments } from './commands/experiments';
import { runExperimentsCompare } from './commands/experimentsCompare';
import { runInfo } from './commands/info';
import { runIssues } from './commands/issues';
import { runMetrics } from './commands/metrics';
import { runRecord } from './commands/record';
import { runSplit } from './commands/split';
import { runTags } from './commands/tags';

const USAGE = `usage: loupe <command> [options]    (loupe --version: the version)

commands:
  info <csv> [--json]                         rows, columns, inferred roles, misclassified rows, CSV problems;
                                              exit code 2 when a problem is error-level
  tags <csv> [--annotations <file>] [--label <col> --prediction <col>] [--json | --md] [--allow-problems]
                                              error analysis by tag, ranked by what to improve first
  metrics <csv> [--json] [--positive <class>] [--threshold <t>] [--allow-problems]
                                              confusion matrix, per-class precision/recall/F1, averages;
                                              ROC AUC, average precision, best-F1 threshold for binary data,
                                              and TP/FP/FN/TN, precision, recall, F1 at --threshold (on the
                                              scale the score was read; default 0.5, or 0 for logits)
  audit <csv> [--slices a,b] [--margin 0.02] [--positive <class>] [--threshold <t>] [--json | --md]
        [--fail-on-flagged] [--allow-problems]
                                              metrics, slices (flagged first), tags and label consistency;
                                              exit code 1 when a slice is flagged and --fail-on-flagged is given;
                                              --threshold as for metrics (binary data with a score: the counts,
                                              precision, recall and F1 at it, on the scale the score was read)
        [--split-column <col>] [--fail-on-leakage]
                                              data checks: duplicate inputs (media files by content hash),
                                              conflicting labels, the same input in two splits (column "split"
                                              or --split-column); exit code 1 on leakage with --fail-on-leakage
  agreement <csv|export.json> [--labelers a,b,c | --long] [--json] [--allow-problems]
                                              labeler agreement: percent, Cohen's and Fleiss' kappa,
                                              Krippendorff's alpha (95% CI), ambiguous class pairs, HLP
  issues <csv> [--probs <col,col,...>] [--label <col>] [--score <col> --positive <class>] [--limit N]
         [--fail-above <share>] [--json] [--allow-problems]
                                              likely label errors by confident learning on out-of-sample
                                              probabilities (p_<class> columns, or the binary score column,
                                              read as metrics reads it: percent / 100, a logit through
                                              1 / (1 + e^-s), negated when it points at the other class);
                                              exit code 1 when their share exceeds --fail-above
  record --name <name> [--params <file>] [--param key=value]... [--metrics <file>]
         [--dataset <csv> [--score [--allow-problems]]] [--notes <text>] [--baseline <kind>] [--json]
                                              records an experiment in .loupe/experiments/<id>.json:
                                              git state (commit, branch, dirty, diff hash, remote),
                                              dataset hash, rows and annotation state, params, metrics
  experiments [--json]                        the recorded experiments, newest first
  experiments --compare <a> --compare <b> [...] [--json]
                                              records side by side (ids or names, the reference first):
                                              metric deltas, and per tag and slice the size (n) in each
                                              record; groups computed on different populations (other n,
                                              file content or tags) are marked, not read as a change
  split <csv> --ratios 0.6,0.2,0.2 --out <new.csv> [--names train,dev,test] [--stratify label[,<slice>] | none]
        [--group <col>] [--seed N] [--column split] [--overwrite-column] [--force] [--json] [--allow-problems]
                                              a seeded split (stratified by the label by default, groups kept
                                              whole) written as one more column of a new file; every other
                                              byte of the input is copied as it was, and the input is never written
  drift <reference.csv> <current.csv> [--columns a,b] [--json] [--fail-on-drift] [--allow-problems]
                                              data drift per column: PSI and chi-square (categorical, label),
                                              KS (numbers, text lengths), missing shares, new categories;
                                              exit code 1 when a column drifted and --fail-on-drift is given
  compare <csv> --a <col> --b <col> | compare <a.csv> <b.csv> [--a <col>] [--b <col>] [--fail-if-worse]
          [--json] [--allow-problems]
                                              did the change help? two predictions on the same examples:
                                              fixed, broken, McNemar's test, per class, tag and slice;
                                              two files are matched by id (unmatched ids and differing
                                              labels are reported; tags count where both files carry them);
                                              exit code 1 when B is significantly worse (exact p < 0.05,
                                              more broken than fixed) and --fail-if-worse is given

record options:
  --params <file>          params.yaml, params.json or a Hydra .hydra/config.yaml
  --param key=value        a param typed by hand (repeatable; dotted keys nest; overrides the file)
  --metrics <file>         metrics.json (nested names join with "/") or dvclive/metrics.json
  --dataset <csv>          hashed by streaming; its .loupe/annotations sidecar is hashed too
  --score                  compute accuracy, macro/weighted F1, per-tag and per-slice metrics
                           from the dataset's label and prediction columns
  --baseline <kind>        none, human-level, previous-system or quick-and-dirty

The workspace is the nearest folder at or above the current one holding .loupe/ or .git
(else the current folder). Without git (or outside a repository) the record says why. Two
processes recording at once both succeed.

How record runs git (never a program the repository configures; see SECURITY.md):
  git is the one found in PATH's absolute folders, run without any inherited GIT_* variable,
  with GIT_OPTIONAL_LOCKS=0 GIT_TERMINAL_PROMPT=0 LC_ALL=C, and every call starts with
  git --no-pager -c core.fsmonitor=false -c core.hooksPath=<null device> -c safe.bareRepository=explicit
  rev-parse --show-toplevel | rev-parse --verify -q HEAD | symbolic-ref --short -q HEAD
  remote | remote get-url -- <name> | config --list --show-scope -z
  status --porcelain --untracked-files=no --ignore-submodules=all -- ':/' ':(exclude,top,glob)**/.loupe/**'
  diff --no-ext-diff --no-textconv --ignore-submodules=all --no-color HEAD -- ':/' ':(exclude,top,glob)**/.loupe/**'
  status and diff are skipped when the repository's own config defines a filter program
  (filter.<name>.clean, smudge or process): the record keeps commit, branch and remote and says why.

JSON outputs (stable; experiment records follow the versioned schema, "version": 1):
  metrics --json      {"rows", "n", "leftOut": {"rows", "emptyLabel", "emptyPrediction"}, "accuracy", "labels",
                       "columns", "confusion", "perClass" (with "zeroDivision" flags), "micro", "macro",
                       "weighted", "zeroDivision": {"precision", "recall", "f1"} (classes with a zero
                       denominator), "binary": null | {"positive", "positiveChosenBy", "scoreColumn",
                       "scoreScale", "scoreReadAs", "scoreReading", "rankingRows", "positives", "negatives",
                       "scoreCells", "rocAuc", "averagePrecision", "bestF1Threshold", "bestF1",
                       "atThreshold", "curve"}}
  agreement --json    {"items", "labelers", "labelsPerItem": [{"labels", "items"}], "percentAgreement",
                       "fleissKappa", "fleissItems", "fleissLabelsPerItem", "fleissExcludedItems",
                       "krippendorffAlpha", "alphaCI", "alphaItems", "cohen", "ambiguousPairs",
                       "perLabeler": [{"labeler", "n", "compared", "agreed", "agreementWithConsensus",
                       "kappa"}] (each labeler vs the leave-one-out majority of the others), "consensus",
                       "confusion", "hlp", "hlpCompared", "hlpItems", "hlpBySlice": [{"column", "value",
                       "hlp", "items", "compared"}]}
  issues --json       {"rows", "used", "leftOut", "classes", "probabilityColumns", "probabilityChecks",
                       "probabilityProblems": [{"kind", "count", "rows" (first, 1-based), "lines"}],
                       "thresholds": {"<class>": t}, "confidentJoint" (rows = given label, columns =
                       likely true label, in the order of "classes"), "issueCount",
                       "issues": [{"row" (1-based data row), "line", "id", "label", "suggested",
                       "selfConfidence", "normalizedMargin"}] by self-confidence ascending; with a binary
                       score column also "scoreScale", "scoreReadAs", "scoreReading"}
  tags --json         {"total", "errors", "tags": [{"tag", "count", "errors", "shareOfErrors", "errorRateInTag",
                       "shareOfData", "accuracy", "accuracyInterval" (95% Wilson), "smallSample" (under 30
                       examples), "hlp", "gapToHlp", "potentialGain", "priority"}], "suggestions": [{"tag",
                       "action", "why", "caution" (small-sample warning or null)}]}
  audit --json        the metrics (with "binary"."atThreshold" at --threshold), "slices": {"results": [{...,
                       "interval", "smallSample", "errorOnlyTag" (a tag on errors only: never flagged),
                       "flagged"}]}, "tags" as above, "agreement", "warnings"

Units: every figure in JSON is a fraction in 0..1. Text and markdown show shares, rates and
accuracies as percents ("94.0%") and gaps, potential gains, priorities and differences from
overall accuracy as points of accuracy ("2.35 pts").
  record --json       {"id", "file" (relative to root), "root", "experiment": <record>}
  experiments --compare a --compare b --json
                      {"experiments": [{"id", "name", "dataset", "sha256"}], "sameDataset", "sameAnnotations",
                       "metrics": [{"name", "direction", "values", "deltas", "outcomes"}], "perTag" and
                       "perSlice": [{"group", "n" (per record), "samePopulation", "populationReasons",
                       "populationNotes", "metrics"}]}
  experiments --json  {"root", "experiments": [<record>, ...] newest first,
                       "problems": [{"file", "message"}] for files that could not be read}

How values are read (the same in every command and view):
  empty cells      an empty or whitespace-only cell is missing, never a class; rows with an empty
                   label or prediction are left out and counted ("leftOut")
  classes          when every label, prediction and labeler value is a decimal number, 1, 1.0 and 01
                   are one class; when every value is true/false (any case) they merge by truth value;
                   otherwise exact text
  positive class   --positive, else the one saved in Loupe, else the label's minority class; one
                   that is not a class of the file (given or saved) is an error listing the classes
  scores           P(positive): all in 0-1 a probability; all in 0-100 with some above 1 a percent
                   (score / 100); any below 0 or above 100 a logit or margin on its own scale, never
                   1 - score, negated when high scores go with predicting the other class. A
                   probability that the predictions show is P(the other class) is read as 1 - score,
                   one that is the confidence of each prediction as score or 1 - score. The output
                   says how ("scoreScale", "scoreReadAs", "scoreReading"); thresholds, the PR curve and
                   the best-F1 threshold are on that scale
  score cells      not a decimal number (n/a, 0x10, Infinity) or empty: counted ("scoreCells") and left
                   out of the ranking metrics only ("rankingRows" is what they used)

options of metrics and audit (tags: --label and --prediction):
  --label, --prediction, --score <column>     use these columns instead of the inferred roles

Every command reads a label file as the editor does: the roles, delimiter, encoding and
positive class chosen in Loupe (.loupe/config.json, found at or above the file) apply unless
an option says otherwise.

A file Loupe could not read correctly gives no figures: when it has an error-level CSV
problem (a quote never closed, bytes not valid in its encoding, not a CSV file at all),
metrics, tags, audit, agreement and record --score print each problem on stderr as
file:line: error: message and exit 2. --allow-problems computes anyway (the problems are still
printed on stderr). A file with no row that has both a label and a prediction (header only,
every label empty, every prediction empty) is an error that says which. A score cell that is
not a decimal number (n/a, 0x10, Infinity) is left out of the ranking metrics and counted.

options:
  --json                   machine-readable output
  --allow-problems         compute even when the file has error-level CSV problems
  -h, --help               this help

Errors are on stderr. Exit codes: 0 ok; 1 a gate failed (audit --fail-on-flagged found a
flagged slice, audit --fail-on-leakage found leakage across splits, issues --fail-above found
more likely label errors, drift --fail-on-drift found a drifted column, compare --fail-if-worse
found B significantly worse); 2 an error (bad usage, a file that cannot be read, an
error-level CSV problem, nothing to compute).
`;

type Options = NonNullable<ParseArgsConfig['options']>;
const COMMON: Options = { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } };
const COLUMNS: Options = { label: { type: 'string' }, prediction: { type: 'string' }, score: { type: 'string' } };
const ALLOW: Options = { 'allow-problems': { type: 'boolean', default: false } };
const EXPERIMENTS: Options = { compare: { type: 'string', multiple: true } };
const OPTIONS = new Map<string, Options>(Object.entries({
  info: {},
  tags: { ...ALLOW, md: { type: 'boolean', default: false }, annotations: { type: 'string' }, label: { type: 'string' }, prediction: { type: 'string' } },
  metrics: { ...COLUMNS, ...ALLOW, positive: { type: 'string' }, threshold: { type: 'string' } },
  audit: {
    ...COLUMNS,
    ...ALLOW,
    positive: { type: 'string' },
    threshold: { type: 'string' },
    md: { type: 'boolean', default: false },
    annotations: { type: 'string' },
    slices: { type: 'string' },
    margin: { type: 'string' },
    'fail-on-flagged': { type: 'boolean', default: false },
    'split-column': { type: 'string' },
    'fail-on-leakage': { type: 'boolean', default: false },
  },
  agreement: { ...ALLOW, labelers: { type: 'string' }, long: { type: 'boolean', default: false } },
  record: {
    ...ALLOW,
    name: { type: 'string' },
    params: { type: 'string' },
    param: { type: 'string', multiple: true },
    metrics: { type: 'string' },
    dataset: { type: 'string' },
    score: { type: 'boolean' },
    notes: { type: 'string' },
    baseline: { type: 'string' },
  },
  issues: { ...ALLOW, label: { type: 'string' }, probs: { type: 'string' }, score: { type: 'string' }, positive: { type: 'string' }, limit: { type: 'string' }, 'fail-above': { type: 'string' } },
  experiments: EXPERIMENTS,
  split: {
    ...ALLOW,
    ratios: { type: 'string' },
    names: { type: 'string' },
    stratify: { type: 'string' },
    group: { type: 'string' },
    seed: { type: 'string' },
    column: { type: 'string' },
    'overwrite-column': { type: 'boolean', default: false },
    out: { type: 'string' },
    force: { type: 'boolean', default: false },
  },
  drift: { ...ALLOW, columns: { type: 'string' }, 'fail-on-drift': { type: 'boolean', default: false } },
  compare: { ...ALLOW, a: { type: 'string' }, b: { type: 'string' }, 'fail-if-worse': { type: 'boolean', default: false } },
}));

/** The version, written into the bundle by the build (scripts/build.mjs, scripts/pack-cli.mjs); "development" when run from source. */
declare const LOUPE_VERSION: string | undefined;
const VERSION = typeof LOUPE_VERSION === 'string' ? LOUPE_VERSION : 'development';

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V') {
    process.stdout.write(`loupe ${VERSION}\n`);
    return 0;
  }
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  try {
    const { output, exitCode } = await runCommand(command, rest, argv);
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return exitCode;
  } catch (error) {
    const exitCode = error instanceof CliError ? error.exitCode : 2;
    const message = error instanceof Error ? error.message : String(error);
    const details = error instanceof CliError ? error.details.map((line) => `${line}\n`).join('') : '';
    process.stderr.write(`${details}loupe: ${message}\n`);
    return exitCode;
  }
}

type Values = Record<string, string | boolean | string[] | undefined>;

/** A command's parsed options, read by name. */
interface Parsed {
  positionals: string[];
  values: Values;
  str(name: string): string | undefined;
  bool(name: string): boolean;
  json: boolean;
  allowProblems: boolean;
}

type Outcome = { output: string; exitCode: number };
const done = (output: string): Outcome => ({ output, exitCode: 0 });

async function runCommand(command: string, args: string[], argv: string[]): Promise<Outcome> {
  const commandOptions = OPTIONS.get(command);
  if (!commandOptions) throw new CliError(`unknown command "${command}". Run "loupe --help" for the list.`);
  const { values, positionals } = parseArguments(args, commandOptions);
  const v = values as Values;
  const bool = (name: string) => (v[name] as boolean | undefined) ?? false;
  const p: Parsed = { positionals, values: v, str: (name) => v[name] as string | undefined, bool, json: bool('json'), allowProblems: bool('allow-problems') };
  return (await runAnalysisCommand(command, p, argv)) ?? runDataCommand(command, p);
}

/** Commands that read one label file and print figures; undefined for the others. */
async function runAnalysisCommand(command: string, p: Parsed, argv: string[]): Promise<Outcome | undefined> {
  const { positionals, str, bool, json, allowProblems } = p;
  switch (command) {
    case 'info':
      return runInfo(positionals[0], { json });
    case 'tags':
      return done(await runTags(positionals[0], { json, md: bool('md'), annotations: str('annotations'), label: str('label'), prediction: str('prediction'), allowProblems }));
    case 'metrics':
      return done(await runMetrics(positionals[0], { json, label: str('label'), prediction: str('prediction'), score: str('score'), positive: str('positive'), threshold: numberOption(str('threshold'), '--threshold'), allowProblems }));
    case 'audit':
      return runAudit(positionals[0], auditOptions(p), argv);
    case 'agreement':
      return done(await runAgreement(positionals[0], { json, labelers: str('labelers'), long: bool('long'), allowProblems }));
    case 'issues':
      return runIssues(positionals[0], { json, label: str('label'), probs: str('probs'), score: str('score'), positive: str('positive'), limit: countOption(str('limit'), '--limit'), failAbove: shareOption(str('fail-above'), '--fail-above'), allowProblems });
    default:
      return undefined;
  }
}

function auditOptions({ str, bool, json, allowProblems }: Parsed): Parameters<typeof runAudit>[1] {
  return {
    json,
    md: bool('md'),
    slices: str('slices'),
    margin: numberOption(str('margin'), '--margin'),
    failOnFlagged: bool('fail-on-flagged'),
    label: str('label'),
    prediction: str('prediction'),
    score: str('score'),
    positive: str('positive'),
    threshold: numberOption(str('threshold'), '--threshold'),
    annotations: str('annotations'),
    allowProblems,
    splitColumn: str('split-column'),
    failOnLeakage: bool('fail-on-leakage'),
  };
}

/** Commands that compare files, write files or keep records. */
async function runDataCommand(command: string, p: Parsed): Promise<Outcome> {
  const { positionals, str, bool, json, allowProblems, values } = p;
  switch (command) {
    case 'compare':
      return runCompare(positionals, { json, a: str('a'), b: str('b'), failIfWorse: bool('fail-if-worse'), allowProblems });
    case 'record':
      if (positionals.length > 0) throw new CliError(`record takes no positional arguments (got "${positionals[0]}"); quote a name with spaces: --name "my run"`);
      return done(await runRecord({ name: str('name'), params: str('params'), param: values.param as string[] | undefined, metrics: str('metrics'), dataset: str('dataset'), score: values.score as boolean | undefined, allowProblems, notes: str('notes'), baseline: str('baseline'), json }));
    case 'split':
      return done(await runSplit(positionals[0], splitOptions(p)));
    case 'drift':
      return runDrift(positionals[0], positionals[1], { json, columns: str('columns'), failOnDrift: bool('fail-on-drift'), allowProblems });
    default:
      if (values.compare !== undefined) return done(await runExperimentsCompare(values.compare as string[], { json }));
      return done(await runExperiments({ json }));
  }
}

function splitOptions({ str, bool, json, allowProblems }: Parsed): Parameters<typeof runSplit>[1] {
  return {
    json,
    ratios: str('ratios'),
    names: str('names'),
    stratify: str('stratify'),
    group: str('group'),
    seed: seedOption(str('seed')),
    column: str('column'),
    overwriteColumn: bool('overwrite-column'),
    out: str('out'),
    force: bool('force'),
    allowProblems,
  };
}

function parseArguments(args: string[], options: Options) {
  try {
    return parseArgs({ args, allowPositionals: true, options: { ...COMMON, ...options } });
  } catch (error) {
    throw new CliError(`${(error as Error).message}. Run "loupe --help" for the options.`);
  }
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`${name} needs a number, not "${value}"`);
  return n;
}

function countOption(value: string | undefined, name: string): number | undefined {
  const n = numberOption(value, name);
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) throw new CliError(`${name} needs a whole number ≥ 0, not "${value}"`);
  return n;
}

function seedOption(value: string | undefined): number | undefined {
  const n = numberOption(value, '--seed');
  if (n !== undefined && (!Number.isInteger(n) || n < 0 || n > 0xffffffff)) throw new CliError(`--seed needs a whole number from 0 to 4294967295, not "${value}"`);
  return n;
}

function shareOption(value: string | undefined, name: string): number | undefined {
  const n = numberOption(value, name);
  if (n !== undefined && (n < 0 || n > 1)) throw new CliError(`${name} needs a share between 0 and 1, not "${value}"`);
  return n;
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
