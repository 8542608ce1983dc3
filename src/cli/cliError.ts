/** An error the CLI reports in one line, with an exit code (2: bad input or usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
