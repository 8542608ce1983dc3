/**
 * One way to say a count in UI and CLI text: "1 example", "2 examples", "1 fix", "3 fixes",
 * "1 entry", never "example(s)". English plurals of the words Loupe counts; an irregular one is
 * passed as `plural`.
 */

/** The noun in the number `count` asks for: `noun(1, 'fix')` is "fix", `noun(2, 'fix')` is "fixes". */
export function noun(count: number, singular: string, plural = pluralOf(singular)): string {
  return count === 1 ? singular : plural;
}

/** The count and its noun: `counted(1234, 'row')` is "1,234 rows". */
export function counted(count: number, singular: string, plural = pluralOf(singular)): string {
  return `${count.toLocaleString('en-US')} ${noun(count, singular, plural)}`;
}

/** A verb agreeing with a count: `agree(1, 'has', 'have')` is "has". */
export function agree(count: number, singular: string, plural: string): string {
  return count === 1 ? singular : plural;
}

/** The regular English plural of the last word: line → lines, fix → fixes, entry → entries. */
export function pluralOf(singular: string): string {
  if (/(s|x|z|ch|sh)$/i.test(singular)) return `${singular}es`;
  if (/[^aeiou]y$/i.test(singular)) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}
