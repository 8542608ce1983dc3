/**
 * Judgements from a Label Studio JSON export: an array of tasks, each with `id`, `data` and
 * `annotations: [{ completed_by, was_cancelled?, result: [{ value: { choices: [...] } }] }]`.
 * One item per task (in file order), one rater per `completed_by` (in order of first
 * appearance). An annotation's label is the first choice of its first result that has choices;
 * cancelled annotations and annotations without a choice are skipped; a second annotation by
 * the same annotator on the same task is a counted duplicate (the first is kept). Keys of
 * `data` are data: a task's `data.constructor` is only ever its own field.
 */
import { z } from 'zod';
import { dataRecord, ownValue } from '../config/dataRecord';
import { type Judgements, NOT_LABELED, isBlankLabel, sortProvisionalCodes } from './judgements';

const userSchema = z.union([
  z.number(),
  z.string(),
  z.object({ id: z.union([z.number(), z.string()]).optional(), email: z.string().optional() }),
]);

const resultSchema = z.object({
  value: z.object({ choices: z.array(z.union([z.string(), z.number()])).optional() }).optional(),
});

const annotationSchema = z.object({
  completed_by: userSchema,
  was_cancelled: z.boolean().optional(),
  result: z.array(resultSchema).default([]),
});

const taskSchema = z.object({
  id: z.union([z.number(), z.string()]),
  data: dataRecord(z.unknown()).optional(),
  annotations: z.array(annotationSchema).default([]),
});

const exportSchema = z.array(taskSchema);

type Annotation = z.infer<typeof annotationSchema>;

export interface LabelStudioJudgements {
  judgements: Judgements;
  /** Per task: the ids it may be known by in the label file (`data.<key column>`, then the task id). */
  keysOfItem: string[][];
  cancelled: number;
  withoutChoice: number;
  duplicates: number;
}

export type LabelStudioParse = { ok: true; value: LabelStudioJudgements } | { ok: false; problem: string };

/** The annotator's name: the user id, or the email when only that is given. */
function annotatorName(user: z.infer<typeof userSchema>): string {
  if (typeof user !== 'object') return String(user);
  return user.id !== undefined ? String(user.id) : (user.email ?? 'unknown');
}

/** The first choice of the first result that has one, or null. */
function firstChoice(annotation: Annotation): string | null {
  const choices = annotation.result.find((r) => (r.value?.choices?.length ?? 0) > 0)?.value?.choices;
  return choices ? String(choices[0]) : null;
}

/** Numbers names in order of first sight. */
function numberer(): { id: (name: string) => number; names: string[] } {
  const index = new Map<string, number>();
  const names: string[] = [];
  const id = (name: string): number => {
    const known = index.get(name);
    if (known !== undefined) return known;
    index.set(name, names.length);
    return names.push(name) - 1;
  };
  return { id, names };
}

interface Cell {
  item: number;
  rater: number;
  label: number;
}

/** Every kept (task, annotator, first choice), with raters and labels numbered by first sight. */
function collectCells(tasks: z.infer<typeof exportSchema>) {
  const raters = numberer();
  const labels = numberer();
  const cells: Cell[] = [];
  const counts = { cancelled: 0, withoutChoice: 0, duplicates: 0 };
  tasks.forEach((task, item) => {
    const seen = new Set<number>();
    for (const annotation of task.annotations) {
      const choice = annotation.was_cancelled ? null : firstChoice(annotation);
      if (annotation.was_cancelled) counts.cancelled++;
      else if (choice === null || isBlankLabel(choice)) counts.withoutChoice++;
      else {
        const rater = raters.id(annotatorName(annotation.completed_by));
        if (seen.has(rater)) counts.duplicates++;
        else cells.push({ item, rater, label: labels.id(choice) });
        seen.add(rater);
      }
    }
  });
  return { raters: raters.names, labels: labels.names, cells, counts };
}

/** A task's keys: its own `data.<keyColumn>` when that is text or a number, then its id. */
function taskKeys(task: z.infer<typeof taskSchema>, keyColumn: string | null): string[] {
  const value = keyColumn === null ? undefined : ownValue(task.data, keyColumn);
  const byColumn = typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? [String(value)] : [];
  return [...byColumn, String(task.id)];
}

/** Validates an already-parsed Label Studio export and builds its judgement matrix. */
export function judgementsFromLabelStudio(json: unknown, keyColumn: string | null = null): LabelStudioParse {
  const parsed = exportSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: z.prettifyError(parsed.error).replaceAll('\n', ' ') };
  const tasks = parsed.data;
  const { raters, labels, cells, counts } = collectCells(tasks);
  const columns = raters.map(() => new Int32Array(tasks.length).fill(NOT_LABELED));
  for (const { item, rater, label } of cells) columns[rater][item] = label;
  const { categories, warnings } = sortProvisionalCodes(labels, columns, raters);
  const itemIds = tasks.map((t) => String(t.id));
  const judgements = { itemCount: tasks.length, raters: columns, raterNames: raters, categories, itemIds, warnings };
  const keysOfItem = tasks.map((t) => taskKeys(t, keyColumn));
  return { ok: true, value: { judgements, keysOfItem, ...counts } };
}

/** Parses the text of a Label Studio JSON export; tasks match the label file by `data.<keyColumn>`, else by task id. */
export function parseLabelStudioExport(text: string, keyColumn: string | null = null): LabelStudioParse {
  try {
    return judgementsFromLabelStudio(JSON.parse(text), keyColumn);
  } catch (error) {
    return { ok: false, problem: `not valid JSON: ${(error as Error).message}` };
  }
}
