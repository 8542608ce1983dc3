/**
 * The fast path from CSV bytes to typed-array columns. It parses whole records out of a
 * contiguous buffer and carries an incomplete last record over to the next chunk, so the
 * hot loop never has to resume mid-field. Its results must equal `CsvScanner`'s (a
 * property test holds the two together); `CsvScanner` stays the readable reference.
 */
import { parseNumberBytes } from '../csv/number';
import { CsvScanner, FIELD_ESCAPED_QUOTES, runawayQuote, type CsvProblem, type CsvSink, type LineEndingCounts, type ProblemKind } from '../csv/scanner';
import { ByteDictionary, fnv1a } from './byteDictionary';
import type { ColumnInfo, Dataset } from './dataset';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

export const KIND_TEXT = 0;
export const KIND_CATEGORICAL = 1;
export const KIND_NUMERIC = 2;
export const KIND_KEY = 3;
const KIND_CODE = { text: KIND_TEXT, categorical: KIND_CATEGORICAL, numeric: KIND_NUMERIC, key: KIND_KEY } as const;

/** A column inferred categorical that keeps growing is demoted to text past this size. */
const MAX_INFERRED_CATEGORIES = 100_000;
const EMPTY_HASH = fnv1a(new Uint8Array(0), 0, 0) >>> 0;
/** A carry buffer grown past this size is let go once the record it held is parsed. */
const KEEP_CARRY_CAPACITY = 4 << 20;

export class ColumnarParser {
  rowCount = 0;
  private readonly width: number;
  private readonly kinds: Uint8Array;
  private readonly headerKinds: Uint8Array;
  private readonly special = new Uint8Array(256);
  private readonly dictionaries: (ByteDictionary | null)[];
  private codes: (Int32Array | null)[];
  private numbers: (Float64Array | null)[];
  private keyHashes: Uint32Array | null;
  private rowStarts: Float64Array;
  private rowLines: Uint32Array;
  private capacity: number;
  private readonly forcedCategorical: boolean[];
  private inHeader: boolean;
  private dataStart = 0;
  private line = 1;
  /** Absolute offset of `carry[0]`. */
  private base: number;
  /** Bytes of the incomplete last record (`carry[0, carryLength)`), in a buffer that grows by doubling. */
  private carry: Uint8Array = new Uint8Array(0);
  private carryLength = 0;
  /** Finds where the carried record ends, scanning each carried byte once; the carry is parsed only then. */
  private readonly recordEnd: RecordEndFinder;
  /** The record being read by the reference scanner, when it outgrew `hugeRecordBytes`. */
  private huge: { scanner: CsvScanner; sink: HugeRecordSink } | undefined;
  private scratch = new Uint8Array(256);
  readonly lineEndings: LineEndingCounts & { firstLines: { lf: number; crlf: number; cr: number } } = { lf: 0, crlf: 0, cr: 0, firstLines: { lf: 0, crlf: 0, cr: 0 } };
  readonly problems: CsvProblem[] = [];
  private readonly problemCounts = new Map<ProblemKind, number>();
  /** Problems of the record being parsed, reported once it is complete. */
  private readonly recordProblems: CsvProblem[] = [];

  constructor(
    private readonly columns: ColumnInfo[],
    capacity: number,
    private readonly delimiter: number,
    initialOffset = 0,
    /** A part of a file split for parallel parsing: it starts at a record, not at the header. */
    headerless = false,
    private readonly maxProblemsPerKind = 100,
    /** An incomplete record bigger than this is read as it arrives instead of being carried whole. */
    private readonly hugeRecordBytes = 1 << 20,
  ) {
    this.inHeader = !headerless;
    this.width = columns.length;
    this.capacity = Math.max(16, capacity);
    this.base = initialOffset;
    this.kinds = Uint8Array.from(columns, (c) => KIND_CODE[c.kind]);
    this.headerKinds = new Uint8Array(this.width);
    for (const b of [delimiter, LF, CR, QUOTE]) this.special[b] = 1;
    this.dictionaries = columns.map((c) => (c.kind === 'categorical' ? new ByteDictionary() : null));
    this.codes = columns.map((c) => (c.kind === 'categorical' ? new Int32Array(this.capacity) : null));
    this.numbers = columns.map((c) => (c.kind === 'numeric' ? new Float64Array(this.capacity) : null));
    const hasKey = columns.some((c) => c.kind === 'key');
    this.keyHashes = hasKey ? new Uint32Array(this.capacity) : null;
    this.rowStarts = new Float64Array(this.capacity + 1);
    this.rowLines = new Uint32Array(this.capacity);
    this.forcedCategorical = columns.map((c) => c.role !== 'other' && c.role !== 'slice');
    this.recordEnd = new RecordEndFinder(delimiter);
  }

  /** Bytes parsed into complete records so far (absolute offset). */
  get position(): number {
    return this.base;
  }

  /** True when everything pushed so far ended exactly at a record boundary. */
  get atRecordBoundary(): boolean {
    return this.carryLength === 0 && !this.huge;
  }

  /** The physical line (1-based, from the first byte pushed) where a parsed row starts. */
  rowLine(row: number): number {
    return this.rowLines[row];
  }

  /** Physical lines consumed so far. */
  get linesConsumed(): number {
    return this.line - 1;
  }

  report(problem: CsvProblem): void {
    const seen = this.problemCounts.get(problem.kind) ?? 0;
    this.problemCounts.set(problem.kind, seen + 1);
    if (seen < this.maxProblemsPerKind) this.problems.push(problem);
  }

  /** Parses what it can of `chunk`. The chunk is not kept: the caller may reuse it. */
  push(input: Uint8Array): void {
    // A plain Uint8Array view keeps element access monomorphic (Node passes Buffers).
    const chunk = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (this.huge) {
      this.pushHuge(chunk);
      return;
    }
    if (this.carryLength === 0) {
      const consumed = this.parseRecords(chunk, false);
      this.base += consumed;
      this.keepCarry(chunk, consumed);
      return;
    }
    // The carried record is parsed once its end has arrived, not once per chunk.
    const end = this.recordEnd.find(chunk, 0, chunk.length);
    if (end < 0 && this.carryLength + chunk.length >= this.hugeRecordBytes) {
      this.startHuge(chunk);
      return;
    }
    this.appendCarry(chunk);
    if (end >= 0) this.parseCarry(false);
  }

  /**
   * A record bigger than `hugeRecordBytes` (one huge field) is read by the resumable reference
   * scanner as its bytes arrive, keeping only the bytes of non-text fields: no carry that grows
   * with it, no second pass.
   */
  private startHuge(chunk: Uint8Array): void {
    const sink = new HugeRecordSink(this);
    const scanner = new CsvScanner(sink, this.delimiter, this.base, this.maxProblemsPerKind, this.line);
    sink.scanner = scanner;
    this.huge = { scanner, sink };
    scanner.push(this.carry.subarray(0, this.carryLength));
    this.carryLength = 0;
    if (this.carry.length > KEEP_CARRY_CAPACITY) this.carry = new Uint8Array(0);
    scanner.push(chunk);
  }

  /** The next bytes of a huge record: scanned up to its end; what follows is parsed as usual. */
  private pushHuge(chunk: Uint8Array): void {
    const { scanner, sink } = this.huge!;
    const end = this.recordEnd.find(chunk, 0, chunk.length);
    if (end < 0) {
      scanner.push(chunk);
      return;
    }
    scanner.push(chunk.subarray(0, end));
    if (!sink.ended) scanner.end(); // a CR alone ended it: the scanner waits for the next byte
    this.huge = undefined;
    this.recordEnd.reset();
    if (end < chunk.length) this.push(chunk.subarray(end));
  }

  /** A huge record's end, from the scanner: its problems, line ending and row, as `parseRecord` gives them. */
  endHugeRecord(scanner: CsvScanner, fieldCount: number, start: number, end: number, blank: boolean): void {
    const newlines = scanner.lineCount - this.line;
    for (const problem of scanner.problems) this.recordProblems.push(problem);
    scanner.problems.length = 0;
    const endings = this.lineEndings;
    for (const kind of ['lf', 'crlf', 'cr'] as const) {
      if (scanner.lineEndings[kind] === 0) continue;
      if (endings[kind]++ === 0) endings.firstLines[kind] = this.line + newlines;
    }
    this.endRecord(fieldCount, start - this.base, end - this.base, newlines, blank);
    this.base = end;
  }

  /** Stores a field of a huge record (`bytes` raw, quotes still doubled when `escaped`). */
  storeHugeField(column: number, bytes: Uint8Array, start: number, end: number, escaped: boolean): void {
    const kind = this.fieldKind(column);
    if (kind === KIND_TEXT) return;
    if (escaped && kind !== KIND_NUMERIC) {
      const length = this.unescape(bytes, start, end);
      this.store(kind, column, this.rowCount, this.scratch, 0, length, fnv1a(this.scratch, 0, length));
    } else {
      this.store(kind, column, this.rowCount, bytes, start, end, kind === KIND_NUMERIC ? 0 : fnv1a(bytes, start, end));
    }
  }

  /** The kind a field of the current record is read as (text in the header and past the last column). */
  fieldKind(column: number): number {
    return column < this.width && !this.inHeader ? this.kinds[column] : KIND_TEXT;
  }

  /** Ends the input. `checkLineEndings: false` for parts of a file merged later. */
  finish(options: { checkLineEndings?: boolean } = {}): Dataset {
    if (this.huge) {
      this.huge.scanner.end();
      this.huge = undefined;
    }
    if (this.carryLength > 0) this.parseCarry(true);
    this.carry = new Uint8Array(0);
    this.carryLength = 0;
    if (options.checkLineEndings ?? true) this.checkLineEndings();
    const n = this.rowCount;
    if (this.inHeader) this.report({ kind: 'no-header', line: 1, severity: 'error', message: 'the file is empty: a header row is expected' });
    const totals: Record<string, number> = {};
    for (const [kind, count] of this.problemCounts) totals[kind] = count;
    return {
      rowCount: n,
      columns: this.columns,
      codes: this.codes.map((c) => c?.subarray(0, n) ?? null),
      dictionaries: this.dictionaries.map((d) => d?.values() ?? null),
      numbers: this.numbers.map((c) => c?.subarray(0, n) ?? null),
      keyHashes: this.keyHashes?.subarray(0, n) ?? null,
      rowStarts: this.rowStarts.subarray(0, n + 1),
      rowLines: this.rowLines.subarray(0, n),
      delimiter: this.delimiter,
      dataStart: this.dataStart,
      byteLength: this.base,
      problems: this.problems,
      problemTotals: totals,
      lineEndings: this.lineEndings,
    };
  }

  /** Keeps the unparsed end of `chunk` (the caller may reuse it) as the carry. */
  private keepCarry(chunk: Uint8Array, consumed: number): void {
    const rest = chunk.length - consumed;
    if (rest === 0) return;
    if (this.carry.length < rest) this.carry = new Uint8Array(Math.max(256, rest * 2));
    this.carry.set(chunk.subarray(consumed));
    this.carryLength = rest;
    this.recordEnd.reset();
    this.recordEnd.find(this.carry, 0, rest);
  }

  private appendCarry(chunk: Uint8Array): void {
    const needed = this.carryLength + chunk.length;
    if (needed > this.carry.length) {
      const grown = new Uint8Array(Math.max(needed, this.carry.length * 2));
      grown.set(this.carry.subarray(0, this.carryLength));
      this.carry = grown;
    }
    this.carry.set(chunk, this.carryLength);
    this.carryLength = needed;
  }

  /** Parses the carry's whole records and moves what is left to its front. */
  private parseCarry(final: boolean): void {
    const length = this.carryLength;
    const consumed = this.parseRecords(this.carry.subarray(0, length), final);
    this.base += consumed;
    const rest = length - consumed;
    if (rest > 0 && consumed > 0) this.carry.copyWithin(0, consumed, length);
    this.carryLength = rest;
    this.recordEnd.reset();
    if (rest > 0 && !final) this.recordEnd.find(this.carry, 0, rest);
    if (rest === 0 && this.carry.length > KEEP_CARRY_CAPACITY) this.carry = new Uint8Array(0);
  }

  /** Parses whole records; returns how many bytes they took. */
  private parseRecords(buf: Uint8Array, final: boolean): number {
    let pos = 0;
    const n = buf.length;
    while (pos < n) {
      const end = this.parseRecord(buf, pos, final);
      if (end < 0) {
        // The record is parsed again once complete: its problems are reported then.
        this.recordProblems.length = 0;
        break;
      }
      pos = end;
    }
    return pos;
  }

  /** Parses one record starting at `pos`; returns where the next one starts, or -1 if incomplete. */
  // eslint-disable-next-line max-lines-per-function, complexity -- the loader's hot loop (one call per record, every byte once): the field cases stay inline; its speed is what npm run bench measures
  private parseRecord(buf: Uint8Array, pos: number, final: boolean): number {
    const n = buf.length;
    const start = pos;
    const width = this.width;
    const kinds = this.inHeader ? this.headerKinds : this.kinds;
    const special = this.special;
    const delimiter = this.delimiter;
    const row = this.rowCount;
    let column = 0;
    let newlines = 0;
    let blank = false;
    for (;;) {
      const kind = column < width ? kinds[column] : KIND_TEXT;
      let fieldStart = pos;
      let fieldEnd: number;
      let escaped = false;
      // One warning per field, however many stray quotes it holds (as the reference scanner).
      let stray = false;
      let hash = FNV_OFFSET;
      if (pos < n && buf[pos] === QUOTE) {
        const quoteLine = this.line + newlines;
        pos++;
        fieldStart = pos;
        // The first line feed at or after `pos` (n: none), so each one is searched for once, not once per quote.
        let lf = nextLineFeed(buf, pos, n);
        for (;;) {
          // Jump to the next quote natively, then count the newlines skipped over.
          const quote = buf.indexOf(QUOTE, pos);
          const stop = quote < 0 ? n : quote;
          while (lf < stop) {
            newlines++;
            lf = nextLineFeed(buf, lf + 1, n);
          }
          pos = stop;
          if (pos >= n) {
            if (!final) return -1;
            // A line feed ending the file starts no line of its own.
            const swallowed = this.line + newlines - quoteLine - (buf[n - 1] === LF ? 1 : 0);
            this.recordProblems.push(runawayQuote(quoteLine, Math.max(0, swallowed)));
            break;
          }
          const b = buf[pos];
          if (b === QUOTE) {
            if (pos + 1 >= n && !final) return -1;
            if (buf[pos + 1] === QUOTE) {
              escaped = true;
              pos += 2;
              continue;
            }
            break;
          }
          pos++;
        }
        fieldEnd = pos;
        if (pos < n) pos++; // the closing quote
        if (pos < n && special[buf[pos]] === 0) {
          // Text after the closing quote: keep the quote and the text, literally. Across lines it is
          // a runaway quote that closed at the next field's opening quote.
          const swallowed = this.line + newlines - quoteLine;
          if (swallowed > 0) this.recordProblems.push(runawayQuote(quoteLine, swallowed));
          else this.strayQuote(quoteLine, 'text follows a closing quote; the quote was kept as part of the field');
          while (pos < n && (special[buf[pos]] === 0 || buf[pos] === QUOTE)) pos++;
          fieldEnd = pos;
        }
        if (kind !== KIND_TEXT && kind !== KIND_NUMERIC) {
          if (escaped) {
            fieldEnd = fieldStart + this.unescape(buf, fieldStart, fieldEnd);
            hash = fnv1a(this.scratch, 0, fieldEnd - fieldStart);
          } else {
            hash = fnv1a(buf, fieldStart, fieldEnd);
          }
        }
      } else if (kind === KIND_CATEGORICAL || kind === KIND_KEY) {
        for (;;) {
          while (pos < n) {
            const b = buf[pos];
            if (special[b] !== 0) break;
            hash = Math.imul(hash ^ b, FNV_PRIME);
            pos++;
          }
          if (pos < n && buf[pos] === QUOTE) {
            if (!stray) this.strayQuote(this.line + newlines, 'a quote inside an unquoted field was read literally');
            stray = true;
            hash = Math.imul(hash ^ QUOTE, FNV_PRIME);
            pos++;
            continue;
          }
          break;
        }
        fieldEnd = pos;
      } else {
        for (;;) {
          while (pos < n && special[buf[pos]] === 0) pos++;
          if (pos < n && buf[pos] === QUOTE) {
            if (!stray) this.strayQuote(this.line + newlines, 'a quote inside an unquoted field was read literally');
            stray = true;
            pos++;
            continue;
          }
          break;
        }
        fieldEnd = pos;
      }
      if (pos >= n && !final) return -1;
      if (column === 0) blank = fieldEnd === fieldStart && buf[start] !== QUOTE;
      if (kind !== KIND_TEXT) {
        if (escaped && kind !== KIND_NUMERIC) this.store(kind, column, row, this.scratch, 0, fieldEnd - fieldStart, hash);
        else this.store(kind, column, row, buf, fieldStart, fieldEnd, hash);
      }
      if (pos >= n) break;
      const b = buf[pos];
      if (b === delimiter) {
        pos++;
        column++;
        continue;
      }
      const endings = this.lineEndings;
      if (b === LF) {
        if (endings.lf++ === 0) endings.firstLines.lf = this.line + newlines;
        pos++;
      } else {
        // CR: with LF after it, or alone (an old Mac line ending).
        if (pos + 1 >= n && !final) return -1;
        if (buf[pos + 1] === LF) {
          if (endings.crlf++ === 0) endings.firstLines.crlf = this.line + newlines;
          pos += 2;
        } else {
          if (endings.cr++ === 0) endings.firstLines.cr = this.line + newlines;
          pos++;
        }
      }
      break;
    }
    this.endRecord(column + 1, start, pos, newlines, blank && column === 0);
    return pos;
  }

  private store(kind: number, column: number, row: number, buf: Uint8Array, from: number, to: number, hash: number): void {
    if (kind === KIND_CATEGORICAL) {
      if (to <= from) {
        this.codes[column]![row] = -1;
        return;
      }
      const dictionary = this.dictionaries[column]!;
      this.codes[column]![row] = dictionary.internHashed(buf, from, to, hash | 0);
      if (dictionary.size > MAX_INFERRED_CATEGORIES && !this.forcedCategorical[column]) this.demote(column);
    } else if (kind === KIND_NUMERIC) {
      this.numbers[column]![row] = parseNumberBytes(buf, from, to);
    } else {
      this.keyHashes![row] = hash >>> 0;
    }
  }

  private endRecord(fieldCount: number, start: number, end: number, newlines: number, blank: boolean): void {
    for (const problem of this.recordProblems) this.report(problem);
    this.recordProblems.length = 0;
    const line = this.line;
    this.line += newlines + 1;
    if (blank) return;
    if (this.inHeader) {
      this.inHeader = false;
      this.dataStart = this.base + end;
      return;
    }
    const row = this.rowCount;
    if (fieldCount !== this.width) this.raggedRow(row, fieldCount, line);
    this.rowStarts[row] = this.base + start;
    this.rowStarts[row + 1] = this.base + end;
    this.rowLines[row] = line;
    this.rowCount = row + 1;
    if (this.rowCount === this.capacity) this.grow();
  }

  private raggedRow(row: number, fieldCount: number, line: number): void {
    for (let c = fieldCount; c < this.width; c++) {
      const kind = this.kinds[c];
      if (kind === KIND_CATEGORICAL) this.codes[c]![row] = -1;
      else if (kind === KIND_NUMERIC) this.numbers[c]![row] = Number.NaN;
      else if (kind === KIND_KEY) this.keyHashes![row] = EMPTY_HASH;
    }
    const s = fieldCount === 1 ? '' : 's';
    const what = fieldCount < this.width ? 'missing fields are read as empty' : 'extra fields are ignored';
    this.report({ kind: 'ragged-row', line, severity: 'warning', message: `row has ${fieldCount} field${s}, the header has ${this.width}; ${what}` });
  }

  private strayQuote(line: number, message: string): void {
    this.recordProblems.push({ kind: 'stray-quote', line, severity: 'warning', message });
  }

  private checkLineEndings(): void {
    const problem = mixedLineEndings(this.lineEndings);
    if (problem) this.report(problem);
  }

  /** Copies a `""`-escaped field into `scratch`, unescaped; returns its length. */
  private unescape(buf: Uint8Array, start: number, end: number): number {
    if (this.scratch.length < end - start) this.scratch = new Uint8Array((end - start) * 2);
    let out = 0;
    for (let i = start; i < end; i++) {
      const b = buf[i];
      this.scratch[out++] = b;
      if (b === QUOTE && buf[i + 1] === QUOTE) i++;
    }
    return out;
  }

  private demote(column: number): void {
    this.kinds[column] = KIND_TEXT;
    this.codes[column] = null;
    this.dictionaries[column] = null;
    this.columns[column] = { ...this.columns[column], kind: 'text' };
  }

  private grow(): void {
    const capacity = Math.ceil(this.capacity * 1.5) + 16;
    this.codes = this.codes.map((a) => (a ? copyInto(new Int32Array(capacity), a) : null));
    this.numbers = this.numbers.map((a) => (a ? copyInto(new Float64Array(capacity), a) : null));
    if (this.keyHashes) this.keyHashes = copyInto(new Uint32Array(capacity), this.keyHashes);
    this.rowStarts = copyInto(new Float64Array(capacity + 1), this.rowStarts);
    this.rowLines = copyInto(new Uint32Array(capacity), this.rowLines);
    this.capacity = capacity;
  }
}

/** Hands a huge record's fields and end, from the reference scanner, to the parser's columns. */
class HugeRecordSink implements CsvSink {
  ended = false;
  scanner: CsvScanner | undefined;

  constructor(private readonly parser: ColumnarParser) {}

  wantsBytes(column: number): boolean {
    return this.parser.fieldKind(column) !== KIND_TEXT;
  }

  field(column: number, bytes: Uint8Array, start: number, end: number, flags: number): void {
    this.parser.storeHugeField(column, bytes, start, end, (flags & FIELD_ESCAPED_QUOTES) !== 0);
  }

  record(fieldCount: number, start: number, end: number, _line: number, blank: boolean): void {
    this.ended = true;
    this.parser.endHugeRecord(this.scanner!, fieldCount, start, end, blank);
  }
}

const enum EndState {
  FieldStart = 0,
  Unquoted = 1,
  Quoted = 2,
  /** A quote inside a quoted field: the next byte says whether it was escaped or closing. */
  QuoteInQuoted = 3,
  AfterCr = 4,
  /** A record ended: the bytes held hold at least one whole record. */
  Ended = 5,
}

/**
 * Tells, from bytes appended one chunk after another, whether the record they start with has
 * ended, by the columnar parser's grammar (a quote opens a field only at its start, text after a
 * closing quote is literal, CR needs the byte after it). It resumes where the last chunk stopped
 * and jumps natively to the next quote, delimiter or line break, so a huge field costs one pass
 * of `indexOf`, and the record is parsed once instead of once per chunk.
 */
export class RecordEndFinder {
  private state: EndState = EndState.FieldStart;
  /** Where the next LF, CR and delimiter are in the view being scanned (-1: not searched yet; view length: none). */
  private readonly next = new Float64Array(3);
  private readonly stops: number[];

  constructor(delimiter: number) {
    this.stops = [LF, CR, delimiter];
  }

  /** Starts over at a record's first byte. */
  reset(): void {
    this.state = EndState.FieldStart;
  }

  /**
   * Scans `buf[from, to)`, the bytes that came after those already scanned. Returns where the
   * record ends in `buf` (the offset after its line break; `from` when a CR ended it at the last
   * call), or -1 while it has not ended.
   */
  // eslint-disable-next-line complexity -- a byte loop over the quote state machine, run on every record of the file
  find(buf: Uint8Array, from: number, to: number): number {
    if (this.state === EndState.Ended) return from;
    // A view that ends at `to`, so native searches never look at the buffer's spare capacity.
    const view = to === buf.length ? buf : buf.subarray(0, to);
    this.next.fill(-1);
    let state: EndState = this.state;
    let i = from;
    while (i < to) {
      if (state === EndState.Quoted) {
        const quote = view.indexOf(QUOTE, i);
        i = quote < 0 ? to : quote + 1;
        if (quote >= 0) state = EndState.QuoteInQuoted;
      } else if (state === EndState.Unquoted) {
        i = this.unquotedEnd(view, i);
        if (i < to) state = view[i] === LF ? EndState.Ended : view[i] === CR ? EndState.AfterCr : EndState.FieldStart;
        i++;
        if (state === EndState.Ended) break;
      } else if (state === EndState.AfterCr) {
        // After a CR, any byte ends the record: a LF as part of it.
        if (view[i] === LF) i++;
        state = EndState.Ended;
        break;
      } else {
        // At a field's start a quote opens it; right after a quote in a quoted field, a second one is escaped.
        const quoted = view[i] === QUOTE;
        if (quoted) i++;
        state = quoted ? EndState.Quoted : EndState.Unquoted;
      }
    }
    this.state = state;
    return state === EndState.Ended ? i : -1;
  }

  /** The first LF, CR or delimiter at or after `from` in `view`, or its length; each searched for once per view. */
  private unquotedEnd(view: Uint8Array, from: number): number {
    let end = view.length;
    for (let k = 0; k < 3; k++) {
      let at = this.next[k];
      if (at < from) {
        const found = view.indexOf(this.stops[k], from);
        at = found < 0 ? view.length : found;
        this.next[k] = at;
      }
      if (at < end) end = at;
    }
    return end;
  }
}

function nextLineFeed(buf: Uint8Array, from: number, n: number): number {
  const at = buf.indexOf(LF, from);
  return at < 0 ? n : at;
}

function copyInto<T extends Int32Array | Float64Array | Uint32Array>(target: T, source: T): T {
  target.set(source as never);
  return target;
}

/** The warning for a file whose rows end in more than one way (each one still ends a row). */
export function mixedLineEndings({ lf, crlf, cr, firstLines }: LineEndingCounts): CsvProblem | undefined {
  if ((lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0) <= 1) return undefined;
  // The first line that ends differently from the first row's ending.
  const seen = firstLines ? [firstLines.lf, firstLines.crlf, firstLines.cr].filter((l) => l > 0).sort((a, b) => a - b) : [];
  return {
    kind: 'mixed-line-endings',
    line: seen[1] ?? 1,
    severity: 'warning',
    message: `mixed line endings (${crlf} CRLF, ${lf} LF, ${cr} CR); each one ends a row, none were merged`,
  };
}
