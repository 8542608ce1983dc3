/** How experiments read in lists: relative times and metric values, short and stable. */

const UNITS: [limitSeconds: number, seconds: number, unit: string][] = [
  [60, 1, 's'],
  [3600, 60, 'min'],
  [86400, 3600, 'h'],
  [86400 * 30, 86400, 'd'],
  [86400 * 365, 86400 * 30, 'mo'],
];

/** "just now", "5 min ago", "3 h ago", "2 d ago", "4 mo ago", "2 y ago"; future times read "in …". */
export function relativeTime(iso: string, now: Date): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const seconds = Math.round((now.getTime() - ms) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 10) return 'just now';
  const [, size, unit] = UNITS.find(([limit]) => abs < limit) ?? [0, 86400 * 365, 'y'];
  const amount = Math.floor(abs / size);
  return seconds >= 0 ? `${amount} ${unit} ago` : `in ${amount} ${unit}`;
}

/** Up to 4 significant decimals, no float noise: 0.87346 → "0.8735", 1234.5 → "1234.5", 3 → "3". */
export function formatMetricValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 1 : abs >= 1 ? 3 : 4;
  return String(Number(value.toFixed(digits)));
}

/** A delta with its sign: "+0.0125", "−0.3", "0". */
export function formatDelta(delta: number): string {
  if (delta === 0) return '0';
  const text = formatMetricValue(Math.abs(delta));
  return `${delta > 0 ? '+' : '−'}${text === '0' ? Math.abs(delta).toExponential(1) : text}`;
}

/** A local date and time without seconds: "2024-06-14 09:15". */
export function formatLocalTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
