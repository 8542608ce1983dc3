/**
 * "Loupe: Open Sample Workspace": copies the sample shipped with the extension into a folder the
 * user picks (`<picked>/loupe-sample`), then opens it. Every prompt goes through `SampleEffects`,
 * so the flow is tested in plain Node.
 */
import * as path from 'node:path';
import type { CopyFolderResult } from '../../node/copyFolder';
import type { Ui } from '../vscode/ui';

export const SAMPLE_FOLDER_NAME = 'loupe-sample';
const TITLE = 'Loupe: Open Sample Workspace';
const MAX_NAME_TRIES = 50;

export interface SampleEffects {
  ui: Ui;
  /** The sample inside the installed extension. */
  sampleFolder: string;
  /** Where the folder dialog starts (the home folder). */
  defaultParent: string;
  isFreeFolder(folder: string): Promise<boolean>;
  copyFolder(source: string, destination: string): Promise<CopyFolderResult>;
  openFolder(folder: string, newWindow: boolean): Promise<void>;
}

/** The copied folder, or undefined when the user cancelled or the copy was refused. */
export async function openSampleFlow(effects: SampleEffects): Promise<string | undefined> {
  const { ui } = effects;
  const parent = await ui.openFolder({ defaultPath: effects.defaultParent, openLabel: 'Copy the Sample Here' });
  if (!parent) return undefined;
  const destination = await chooseDestination(effects, parent);
  if (!destination) return undefined;
  const copied = await effects.copyFolder(effects.sampleFolder, destination);
  if (!copied.ok) {
    ui.error(`Loupe: ${copied.message}`);
    return undefined;
  }
  const newWindow = await ui.pick(
    [
      { label: 'Open in This Window', value: false },
      { label: 'Open in a New Window', value: true },
    ],
    { title: `${TITLE}: copied ${copied.files} files to ${destination}`, placeHolder: 'Where to open the sample workspace' },
  );
  if (newWindow === undefined) {
    ui.info(`Loupe: the sample workspace is in ${destination}; open it with File > Open Folder.`);
    return destination;
  }
  await effects.openFolder(destination, newWindow);
  return destination;
}

/** `<parent>/loupe-sample`, or another name the user gives when that folder is taken (never overwritten). */
async function chooseDestination(effects: SampleEffects, parent: string): Promise<string | undefined> {
  let name = SAMPLE_FOLDER_NAME;
  for (;;) {
    const destination = path.join(parent, name);
    if (await effects.isFreeFolder(destination)) return destination;
    const answer = await effects.ui.input({
      title: `${TITLE}: ${destination} is not empty`,
      prompt: `Loupe does not overwrite a folder. Another name for the sample's folder in ${parent}:`,
      value: await freeName(effects, parent),
      validate: validateFolderName,
    });
    if (answer === undefined) return undefined;
    name = answer.trim();
  }
}

/** The first of loupe-sample-2, loupe-sample-3, … that is free (a proposal; the user may change it). */
async function freeName(effects: SampleEffects, parent: string): Promise<string> {
  for (let n = 2; n < MAX_NAME_TRIES; n++) {
    const name = `${SAMPLE_FOLDER_NAME}-${n}`;
    if (await effects.isFreeFolder(path.join(parent, name))) return name;
  }
  return `${SAMPLE_FOLDER_NAME}-${MAX_NAME_TRIES}`;
}

/** One folder name: not empty, no separators, not `.` or `..`. */
export function validateFolderName(value: string): string | undefined {
  const name = value.trim();
  if (!name) return 'Give the folder a name';
  if (/[\\/]/.test(name)) return 'One folder name, without / or \\';
  if (name === '.' || name === '..') return 'Give the folder a name other than . or ..';
  return undefined;
}
