import { CliError } from './cliError';

/**
 * An unknown positive class is an error that lists the classes (DOMAIN §1), whether it was given
 * with --positive or saved in `.loupe/config.json` (where the views show it as a warning).
 */
export function checkPositiveClass(file: string, classes: readonly string[], given: string | undefined, saved: string | undefined): void {
  if (given !== undefined) {
    if (!classes.includes(given)) throw new CliError(`--positive ${given}: not a class of ${file} (classes: ${classes.join(', ')})`);
    return;
  }
  if (saved !== undefined && !classes.includes(saved)) {
    throw new CliError(`${file}: the positive class "${saved}" saved in .loupe/config.json is not a class of this file (classes: ${classes.join(', ')}); choose another in the Metrics view, or give one with --positive`);
  }
}
