/**
 * Where a JSON text stops being valid, and why, for messages that name a file's line: the
 * engine's own message does not always say where (V8: "Unexpected token ']', …").
 */
export function findJsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    scanner.space();
    if (scanner.at < text.length) scanner.fail('more text after the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxAt) return { offset: error.offset, message: error.message };
    throw error;
  }
}

class SyntaxAt extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters
const STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;

class Scanner {
  at = 0;

  constructor(private readonly text: string) {}

  fail(why: string): never {
    const found = this.at >= this.text.length ? 'the end of the file' : JSON.stringify(this.text[this.at]);
    throw new SyntaxAt(this.at, `${why} (found ${found})`);
  }

  space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at])) this.at++;
  }

  value(): void {
    this.space();
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    for (const word of ['true', 'false', 'null']) if (this.text.startsWith(word, this.at)) return void (this.at += word.length);
    if (!this.match(NUMBER)) this.fail('expected a value');
  }

  private match(pattern: RegExp): boolean {
    pattern.lastIndex = this.at;
    if (!pattern.test(this.text)) return false;
    this.at = pattern.lastIndex;
    return true;
  }

  private string(): void {
    if (!this.match(STRING)) this.fail('expected a string in double quotes, closed on its line');
  }

  private object(): void {
    this.at++;
    this.space();
    if (this.text[this.at] === '}') return void this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') this.fail(this.text[this.at] === '}' ? 'a comma before "}" (trailing comma)' : 'expected a property name in double quotes');
      this.string();
      this.space();
      if (this.text[this.at] !== ':') this.fail('expected ":"');
      this.at++;
      this.value();
      this.space();
      if (this.text[this.at] === '}') return void this.at++;
      if (this.text[this.at] !== ',') this.fail('expected "," or "}"');
      this.at++;
    }
  }

  private array(): void {
    this.at++;
    this.space();
    if (this.text[this.at] === ']') return void this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === ']') this.fail('a comma before "]" (trailing comma)');
      this.value();
      this.space();
      if (this.text[this.at] === ']') return void this.at++;
      if (this.text[this.at] !== ',') this.fail('expected "," or "]"');
      this.at++;
    }
  }
}
