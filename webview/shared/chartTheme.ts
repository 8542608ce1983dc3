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
    // Opaque: some themes give a chart colour transparency (Dark Modern's orange), which turns a
    // filled bar into a dim shade of the background.
    series: ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'].map((v, i) =>
      opaque(themeColor(v, ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'][i])),
    ),
  };
}

/** The colour without its alpha: `#rgba` and `#rrggbbaa` lose the alpha digits, `rgba()` becomes `rgb()`. */
export function opaque(color: string): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})([0-9a-f]{1,2})$/i.exec(color);
  if (hex && (color.length === 5 || color.length === 9)) return `#${hex[1]}`;
  const rgba = /^rgba\(\s*([^,]+),\s*([^,]+),\s*([^,]+),[^)]*\)$/i.exec(color);
  return rgba ? `rgb(${rgba[1]}, ${rgba[2]}, ${rgba[3]})` : color;
}
