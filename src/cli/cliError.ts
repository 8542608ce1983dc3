/**
 * An error the CLI reports on stderr, with an exit code (2: bad input or usage). `details` are
 * lines printed before it as they are (located problems: `file:line: error: message`).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}
