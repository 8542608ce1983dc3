import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface ShellOptions {
  title: string;
  /** Bundle names under dist/webview, e.g. "table.js". */
  script: string;
  styles: string[];
  /** The page plays clips (`media-src`, only from the webview's own resource origin). */
  media?: boolean;
}

/**
 * Webview options shared by every Loupe view: scripts on, resources only from the bundle
 * folder, plus `dataRoot` for a view that shows a label file's media (its workspace folder).
 */
export function webviewOptions(extensionUri: vscode.Uri, dataRoot?: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), ...(dataRoot ? [dataRoot] : [])] };
}

/**
 * The one HTML shell of every Loupe webview: a strict CSP (`default-src 'none'`), a fresh
 * nonce per render, and nothing from the data: the page fills itself from messages.
 */
export function renderWebviewShell(webview: vscode.Webview, extensionUri: vscode.Uri, options: ShellOptions): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    ...(options.media ? [`media-src ${webview.cspSource}`] : []),
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const links = [
    `<link rel="stylesheet" href="${asset('codicon.css')}" id="vscode-codicon-stylesheet">`,
    ...['controls.css', ...options.styles].map((s) => `<link rel="stylesheet" href="${asset(s)}">`),
  ].join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${links}
    <title>${escapeHtml(options.title)}</title>
  </head>
  <body>
    <div id="app"></div>
    <script nonce="${nonce}" src="${asset(options.script)}"></script>
  </body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
