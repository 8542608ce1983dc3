/** Chart colours from the VS Code theme (read from CSS variables), refreshed when the theme changes. */
export function themeColor(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

export function onThemeChange(callback: () => void): void {
  new MutationObserver(callback).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

export function chartColors(): { foreground: string; grid: string; series: string[] } {
  return {
    foreground: themeColor('--vscode-foreground', '#888'),
    grid: themeColor('--vscode-editorWidget-border', themeColor('--vscode-panel-border', '#8884')),
    series: ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'].map((v, i) =>
      themeColor(v, ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'][i]),
    ),
  };
}
