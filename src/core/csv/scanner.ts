/**
 * A resumable, byte-level CSV scanner (RFC 4180 plus the leniencies real files need).
 *
 * Bytes arrive in chunks of any size; fields and records are reported to a sink with
 * absolute byte offsets. Field bytes are only copied when a field straddles two chunks
 * and the sink asked for that column's bytes, so huge text fields cost nothing.
 */

export const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const EMPTY = new Uint8Array(0);

/** Field flags passed to the sink. */
export const FIELD_QUOTED = 1;
export const FIELD_ESCAPED_QUOTES = 2;
export const FIELD_MALFORMED = 4;

export interface CsvSink {
  /** Which columns need their bytes (others only get offsets). */
  wantsBytes(column: number): boolean;
  field(column: number, bytes: Uint8Array, start: number, end: number, flags: number): void;
  /** One record ended. `start`/`end` are absolute byte offsets of the whole record. */
  record(fieldCount: number, start: number, end: number, line: number, blank: boolean): void;
}

export type ProblemKind =
  | 'unterminated-quote'
  | 'ragged-row'
  | 'duplicate-header'
  | 'empty-header'
  | 'mixed-line-endings'
  | 'stray-quote'
  | 'invalid-encoding'
  | 'huge-field'
  | 'no-header'
  | 'duplicate-id'
  /** Classes that differ only in whitespace, case or Unicode normalization (core/values). */
  | 'look-alike-classes'
  /** Per-class probability cells that are not numbers in [0, 1], or rows that do not sum to 1 (core/labelIssues). */
  | 'probability-values';

export interface CsvProblem {
  kind: ProblemKind;
  /** 1-based physical line in the file. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

/**
 * A quote that opened a field and never closed, or closed only at a quote meant for another
 * field: an error at the line where it opened, saying how many lines it swallowed.
 */
export function runawayQuote(line: number, swallowed: number): CsvProblem {
  const what = swallowed === 0 ? 'the rest of the file was read as one field' : swallowed === 1 ? 'the next line was read as part of one field' : `the next ${swallowed} lines were read as part of one field`;
  return {
    kind: 'unterminated-quote',
    line,
    severity: 'error',
    message: `a quote opened here is never closed; ${what}. Close the quote or escape it as ""`,
  };
}

const enum State {
  FieldStart = 0,
  Unquoted = 1,
  Quoted = 2,
  QuoteInQuoted = 3,
  AfterCr = 4,
}

/** Physical line endings seen at record ends. */
export interface LineEndingCounts {
  lf: number;
  crlf: number;
  cr: number;
  /** The physical line each kind of row ending first ends (0: never), when the reader tracks it. */
  firstLines?: { lf: number; crlf: number; cr: number };
}

/** Where `byte` first occurs in `bytes` from `from` on, or the length when nowhere. */
function indexOrEnd(bytes: Uint8Array, byte: number, from: number): number {
  const at = bytes.indexOf(byte, from);
  return at < 0 ? bytes.length : at;
}

export class CsvScanner {
  private state: State = State.FieldStart;
  private column = 0;
  private flags = 0;
  private recordStart = 0;
  /** Physical line (1-based) where the current record started. */
  private recordLine = 1;
  private line = 1;
  private quoteLine = 0;
  private offset = 0;
  private pending: Uint8Array = new Uint8Array(256);
  private pendingLength = 0;
  private pendingActive = false;
  private lastFieldBlank = false;
  private lastByte = -1;
  readonly lineEndings: LineEndingCounts = { lf: 0, crlf: 0, cr: 0 };
  readonly problems: CsvProblem[] = [];
  private problemCounts = new Map<ProblemKind, number>();

  constructor(
    private readonly sink: CsvSink,
    private readonly delimiter: number = 0x2c,
    /** Absolute offset of the first byte pushed (e.g. after a byte-order mark). */
    initialOffset = 0,
    private readonly maxProblemsPerKind = 100,
    /** Physical line of the first byte pushed. */
    firstLine = 1,
  ) {
    this.offset = initialOffset;
    this.recordStart = initialOffset;
    this.line = firstLine;
    this.recordLine = firstLine;
  }

  /** Total bytes consumed so far. */
  get position(): number {
    return this.offset;
  }

  /** Lines seen so far (physical). */
  get lineCount(): number {
    return this.line;
  }

  report(problem: CsvProblem): void {
    const seen = this.problemCounts.get(problem.kind) ?? 0;
    this.problemCounts.set(problem.kind, seen + 1);
    if (seen < this.maxProblemsPerKind) this.problems.push(problem);
  }

  /** How many problems of each kind were seen, including those not kept. */
  problemTotals(): Map<ProblemKind, number> {
    return new Map(this.problemCounts);
  }

  // eslint-disable-next-line max-lines-per-function, complexity -- the byte-level RFC 4180 state machine: one switch per byte over every byte of the file; its speed is what npm run bench measures
  push(chunk: Uint8Array): void {
    const base = this.offset;
    const n = chunk.length;
    const delim = this.delimiter;
    let state = this.state;
    let i = 0;
    // Start of the current field inside this chunk, or -1 when it began in an earlier one.
    let localStart = -1;
    // The first line feed at or after some point not past `i`; re-searched only once `i` has passed it.
    let lineFeed = -1;
    while (i < n) {
      switch (state) {
        case State.FieldStart: {
          const b = chunk[i];
          if (b === QUOTE) {
            state = State.Quoted;
            this.flags = FIELD_QUOTED;
            this.quoteLine = this.line;
            i++;
            localStart = i;
          } else {
            this.flags = 0;
            localStart = i;
            state = State.Unquoted;
          }
          break;
        }
        case State.Unquoted: {
          // Tight loop: find the end of an unquoted field.
          let j = i;
          while (j < n) {
            const b = chunk[j];
            if (b === delim || b === LF || b === CR) break;
            if (b === QUOTE) this.strayQuote();
            j++;
          }
          i = j;
          if (j === n) break;
          const b = chunk[j];
          this.emitField(chunk, localStart, j);
          if (b === delim) {
            this.column++;
            state = State.FieldStart;
            i = j + 1;
          } else if (b === LF) {
            this.lineEndings.lf++;
            this.endRecord(base + j + 1);
            this.line++;
            state = State.FieldStart;
            i = j + 1;
          } else {
            state = State.AfterCr;
            i = j + 1;
          }
          break;
        }
        case State.Quoted: {
          // Jump to the next quote natively; count the line feeds before it, each searched for once.
          const quote = chunk.indexOf(QUOTE, i);
          const j = quote < 0 ? n : quote;
          if (lineFeed < i) lineFeed = indexOrEnd(chunk, LF, i);
          while (lineFeed < j) {
            this.line++;
            lineFeed = indexOrEnd(chunk, LF, lineFeed + 1);
          }
          i = j;
          if (j === n) break;
          state = State.QuoteInQuoted;
          i = j + 1;
          break;
        }
        case State.QuoteInQuoted: {
          const b = chunk[i];
          if (b === QUOTE) {
            this.flags |= FIELD_ESCAPED_QUOTES;
            state = State.Quoted;
            i++;
          } else if (b === delim || b === LF || b === CR) {
            // Content ends before the closing quote.
            this.emitField(chunk, localStart, i - 1, true);
            if (b === delim) {
              this.column++;
              state = State.FieldStart;
            } else if (b === LF) {
              this.lineEndings.lf++;
              this.endRecord(base + i + 1);
              this.line++;
              state = State.FieldStart;
            } else {
              state = State.AfterCr;
            }
            i++;
          } else {
            // Text after a closing quote: keep it, literally, as part of the field. Across
            // lines it is a runaway quote that closed at the next field's opening quote.
            this.flags |= FIELD_MALFORMED;
            if (this.line > this.quoteLine) this.report(runawayQuote(this.quoteLine, this.line - this.quoteLine));
            else {
              this.report({
                kind: 'stray-quote',
                line: this.line,
                severity: 'warning',
                message: 'text follows a closing quote; the quote was kept as part of the field',
              });
            }
            state = State.Unquoted;
          }
          break;
        }
        case State.AfterCr: {
          const b = chunk[i];
          if (b === LF) {
            this.lineEndings.crlf++;
            this.endRecord(base + i + 1);
            i++;
          } else {
            this.lineEndings.cr++;
            this.endRecord(base + i);
          }
          this.line++;
          state = State.FieldStart;
          break;
        }
      }
    }
    // Carry a partial field over to the next chunk when its bytes are wanted.
    if (state === State.Unquoted || state === State.Quoted || state === State.QuoteInQuoted) {
      if (this.sink.wantsBytes(this.column)) {
        const from = localStart >= 0 ? localStart : 0;
        this.appendPending(chunk, from, n);
      }
      this.pendingActive = true;
    }
    this.state = state;
    this.offset = base + n;
    if (n > 0) this.lastByte = chunk[n - 1];
  }

  /** Signals the end of input; flushes the last record. */
  end(): void {
    const state = this.state;
    if (state === State.Quoted) {
      // A line feed ending the file starts no line of its own.
      const swallowed = this.line - this.quoteLine - (this.lastByte === LF ? 1 : 0);
      this.report(runawayQuote(this.quoteLine, Math.max(0, swallowed)));
      this.emitField(EMPTY, -1, 0);
      this.endRecord(this.offset);
    } else if (state === State.QuoteInQuoted) {
      this.emitField(EMPTY, -1, -1, true);
      this.endRecord(this.offset);
    } else if (state === State.Unquoted) {
      this.emitField(EMPTY, -1, 0);
      this.endRecord(this.offset);
    } else if (state === State.AfterCr) {
      this.lineEndings.cr++;
      this.endRecord(this.offset);
    } else if (this.column > 0) {
      // A delimiter right before EOF: one more empty field.
      this.emitEmpty();
      this.endRecord(this.offset);
    }
    this.state = State.FieldStart;
    this.checkLineEndings();
  }

  private checkLineEndings(): void {
    const { lf, crlf, cr } = this.lineEndings;
    const kinds = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
    if (kinds > 1) {
      this.report({
        kind: 'mixed-line-endings',
        line: 1,
        severity: 'warning',
        message: `mixed line endings (${crlf} CRLF, ${lf} LF, ${cr} CR); each one ends a row, none were merged`,
      });
    }
  }

  private strayQuote(): void {
    if ((this.flags & FIELD_MALFORMED) !== 0) return;
    this.flags |= FIELD_MALFORMED;
    this.report({
      kind: 'stray-quote',
      line: this.line,
      severity: 'warning',
      message: 'a quote inside an unquoted field was read literally',
    });
  }

  private appendPending(chunk: Uint8Array, from: number, to: number): void {
    const len = to - from;
    if (this.pendingLength + len > this.pending.length) {
      let size = this.pending.length * 2;
      while (size < this.pendingLength + len) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    this.pending.set(chunk.subarray(from, to), this.pendingLength);
    this.pendingLength += len;
  }

  /**
   * Emits the current field. `localStart` < 0 means the field began in an earlier chunk.
   * `closedQuote` means `end` points at the closing quote, which is excluded.
   */
  private emitField(chunk: Uint8Array, localStart: number, end: number, closedQuote = false): void {
    const column = this.column;
    const flags = this.flags;
    if (!this.pendingActive) {
      this.lastFieldBlank = end === localStart && flags === 0;
      this.sink.field(column, chunk, localStart, end, flags);
    } else {
      this.lastFieldBlank = false;
      if (this.sink.wantsBytes(column)) {
        if (end > 0) this.appendPending(chunk, 0, end);
        else if (end < 0 && closedQuote) this.pendingLength += end; // drop the quote already carried
        this.sink.field(column, this.pending, 0, this.pendingLength, flags);
      } else {
        this.sink.field(column, this.pending, 0, 0, flags);
      }
      this.pendingActive = false;
      this.pendingLength = 0;
    }
    this.flags = 0;
  }

  private emitEmpty(): void {
    this.flags = 0;
    this.lastFieldBlank = true;
    this.sink.field(this.column, this.pending, 0, 0, 0);
  }

  private endRecord(end: number): void {
    const fields = this.column + 1;
    const blank = fields === 1 && this.lastFieldBlank;
    this.sink.record(fields, this.recordStart, end, this.recordLine, blank);
    this.column = 0;
    this.recordStart = end;
    this.recordLine = this.line + 1;
  }
}
