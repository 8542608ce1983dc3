import { AnnotationSet } from '../core/annotations/annotations';
import { mergeAnnotations } from '../core/annotations/merge';
import { parseSidecar, serializeSidecar, type SidecarHeader, type SidecarProblem } from '../core/annotations/sidecar';
import { keepBackup } from './backupCopies';
import { nodeFileAccess, readTextFile, type FileAccess } from './fileAccess';
import { ensureLoupeGitignore } from './loupeGitignore';
import { agree, noun } from '../core/plural';

/** The sidecar as a document read it: the base of a three-way merge. */
export interface SidecarBase {
  annotations: AnnotationSet;
  /** Its text; undefined when there was no file. */
  text: string | undefined;
  problems: readonly SidecarProblem[];
}

export interface SidecarSave {
  file: string;
  /** The `.loupe/` folder (its .gitignore is written when missing). */
  loupeDir: string;
  header: SidecarHeader;
  annotations: AnnotationSet;
  /** What the annotations were based on; absent for a save to another file (Save As). */
  base?: SidecarBase;
}

export interface SidecarSaved {
  written: AnnotationSet;
  text: string;
  /** The file had changed on disk since it was read: both versions were merged. */
  merged: boolean;
  /** Keys changed on both sides (tags united). */
  conflicts: string[];
  /** Copies kept before the file was written over, each with why. */
  backups: { file: string; reason: string }[];
}

/**
 * Saves annotations to their sidecar without losing what the file held: a version changed on
 * disk since it was read is merged (three ways), and whenever the write would drop lines that
 * could not be read, merge duplicated keys, or replace content that is not the base, the old
 * text is first kept as a `.bak` beside it.
 */
export async function saveSidecarFile(save: SidecarSave, files: FileAccess = nodeFileAccess): Promise<SidecarSaved> {
  const onDisk = await readTextFile(files, save.file);
  const backups: SidecarSaved['backups'] = [];
  const keep = async (text: string, reason: string) => backups.push({ file: await keepBackup(save.file, text, new Date(), files), reason });
  let written = save.annotations;
  let conflicts: string[] = [];
  const changedOnDisk = onDisk !== undefined && onDisk !== save.base?.text;
  if (save.base && save.base.text !== undefined && save.base.problems.length > 0) await keep(save.base.text, describeProblems(save.base.problems, 'as it was read'));
  if (changedOnDisk && save.base) {
    const theirs = parseSidecar(onDisk);
    if (theirs.problems.length > 0) await keep(onDisk, describeProblems(theirs.problems, 'as changed on disk'));
    ({ merged: written, conflicts } = mergeAnnotations(save.base.annotations, save.annotations, new AnnotationSet(theirs.entries)));
  }
  const text = serializeSidecar(save.header, written.entries());
  if (changedOnDisk && !save.base && onDisk !== text) await keep(onDisk, 'another sidecar was in its place');
  await ensureLoupeGitignore(save.loupeDir, files);
  await files.writeAtomic(save.file, text);
  return { written, text, merged: changedOnDisk && save.base !== undefined, conflicts, backups };
}

function describeProblems(problems: readonly SidecarProblem[], which: string): string {
  const count = (kind: SidecarProblem['kind']) => problems.filter((p) => p.kind === kind).length;
  const parts = [
    count('unreadable') > 0 ? `${count('unreadable')} unreadable ${noun(count('unreadable'), 'line')} ${agree(count('unreadable'), 'was', 'were')} not kept` : '',
    count('duplicate') > 0 ? `${count('duplicate')} repeated key ${noun(count('duplicate'), 'line')} ${agree(count('duplicate'), 'was', 'were')} merged` : '',
    count('newer') > 0 ? 'it was written by a newer Loupe' : '',
  ].filter(Boolean);
  return `the sidecar ${which}: ${parts.join('; ')}`;
}
