import * as path from 'node:path';

/** The `.loupe/` folder that holds a dataset's annotations: at the workspace root, else beside the file. */
export function loupeFolder(datasetPath: string, workspaceRoot: string | undefined): string {
  return path.join(rootFor(datasetPath, workspaceRoot), '.loupe');
}

/** `.loupe/annotations/<dataset path relative to the root>.jsonl` */
export function sidecarPath(datasetPath: string, workspaceRoot: string | undefined): string {
  const root = rootFor(datasetPath, workspaceRoot);
  const relative = path.relative(root, datasetPath);
  return path.join(root, '.loupe', 'annotations', `${relative}.jsonl`);
}

/** The dataset's path as written in the sidecar header: relative to the root, with forward slashes. */
export function datasetLabel(datasetPath: string, workspaceRoot: string | undefined): string {
  return path.relative(rootFor(datasetPath, workspaceRoot), datasetPath).split(path.sep).join('/');
}

function rootFor(datasetPath: string, workspaceRoot: string | undefined): string {
  if (workspaceRoot) {
    const relative = path.relative(workspaceRoot, datasetPath);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) return workspaceRoot;
  }
  return path.dirname(datasetPath);
}
