import { concatBytes } from '../bytes';
import { DELIMITERS, detectDelimiter, type Delimiter } from '../csv/delimiter';
import { decodeField } from '../csv/decode';
import { parseCsvBytes, type ParsedRecord } from '../csv/rows';
import { CsvScanner, type CsvProblem, type CsvSink } from '../csv/scanner';
import { ColumnarParser } from './columnarParser';
import type { ColumnInfo, Dataset } from './dataset';
import { chosenRole, inferColumns, isIdName, kindForRole, type ColumnRole } from './roles';
import { detectLongColumns } from '../agreement/longFormat';

export interface LoadOptions {
  /** Forced delimiter; detected from the first bytes otherwise. */
  delimiter?: Delimiter;
  /** Delimiter to prefer when detection is undecided (e.g. tab for .tsv). */
  delimiterHint?: Delimiter;
  /** Role chosen by the user, by column name (own keys only: names are data). */
  roles?: Record<string, ColumnRole>;
  /** Total size of the input when known: sizes the columns up front. */
  expectedBytes?: number;
  /** Bytes gathered before the header and first rows are read. */
  headBytes?: number;
  /** Rows kept as text in the head, for a first paint before the load finishes. */
  headRows?: number;
}

export interface DatasetHead {
  columns: ColumnInfo[];
  delimiter: Delimiter;
  /** The first rows as text (header excluded). */
  rows: string[][];
  /** Lines of those rows. */
  lines: number[];
}

const HEAD_SAMPLE_BYTES = 64 * 1024;

/**
 * Turns a stream of UTF-8 bytes into a columnar `Dataset`. Push chunks of any size, then
 * `end()`. The header and first rows are available (`head`) as soon as enough bytes came in.
 */
export class DatasetLoader {
  /** Copies of the chunks pushed before the head was known (the caller may reuse its buffers). */
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private parser: ColumnarParser | undefined;
  private bomLength = 0;
  private nextAttempt: number | undefined;
  private perRow = 64;
  /** Reads the head as bytes arrive once its first row is longer than 64 KB: each byte scanned once. */
  private headReader: HeadReader | undefined;
  head: DatasetHead | undefined;

  constructor(private readonly options: LoadOptions = {}) {}

  get rowCount(): number {
    return this.parser?.rowCount ?? 0;
  }

  /** Bytes read into complete rows so far. */
  get bytesConsumed(): number {
    return this.parser?.position ?? 0;
  }

  /** Feeds the next bytes. The chunk is not kept: the caller may reuse its buffer. */
  push(chunk: Uint8Array): void {
    if (this.parser) {
      this.parser.push(chunk);
      return;
    }
    // A copy: Node passes Buffers, whose slice() is a view of a buffer the reader reuses.
    const copy = new Uint8Array(chunk);
    this.held.push(copy);
    this.heldBytes += copy.length;
    if (this.headReader) {
      this.headReader.push(copy);
      if (this.headReader.ready) this.startFromReader(this.headReader);
      return;
    }
    this.nextAttempt ??= this.options.headBytes ?? HEAD_SAMPLE_BYTES;
    // The head must hold the header and at least one whole row; else wait for twice as much.
    if (this.heldBytes >= this.nextAttempt && !this.tryHead(false)) this.nextAttempt = Math.max(this.nextAttempt, this.heldBytes) * 2;
  }

  end(options: { checkLineEndings?: boolean } = {}): Dataset {
    if (!this.parser && this.headReader) {
      this.headReader.end();
      this.startFromReader(this.headReader);
    } else if (!this.parser) {
      this.tryHead(true);
    }
    return this.parser!.finish(options);
  }

  /** True when the bytes pushed so far end exactly between two records. */
  get atRecordBoundary(): boolean {
    return this.parser?.atRecordBoundary ?? false;
  }

  /** Physical lines in the bytes pushed so far (complete records only). */
  get linesConsumed(): number {
    return this.parser?.linesConsumed ?? 0;
  }

  /** Capacity per row estimated from the head, for sizing a parallel part's columns. */
  get bytesPerRow(): number {
    return this.perRow;
  }

  /**
   * The header, the delimiter and the sample rows come from the first 64 KB. When the first row
   * does not end there, the head is read on as bytes arrive (delimiter from the first 64 KB),
   * up to 64 KB past the end of that row. True once the parser started.
   */
  private tryHead(complete: boolean): boolean {
    const first = concatBytes(this.held);
    this.held = [first];
    this.bomLength = hasUtf8Bom(first) ? 3 : 0;
    const body = first.subarray(this.bomLength);
    const headEnd = Math.min(body.length, HEAD_SAMPLE_BYTES);
    const head = body.subarray(0, headEnd);
    const delimiter = this.options.delimiter ?? detectDelimiter(head, this.options.delimiterHint ?? ',');
    const records = parseCsvBytes(head, { delimiter: DELIMITERS[delimiter] }).records;
    const cut = headEnd < body.length || !complete;
    if (cut && records.length > 1) records.pop(); // a cut head ends in a partial record
    if (records.length >= 2 || !cut) {
      this.start(delimiter, records);
      return true;
    }
    if (body.length < HEAD_SAMPLE_BYTES && !complete) return false;
    const reader = new HeadReader(delimiter);
    this.headReader = reader;
    reader.push(body);
    if (complete) reader.end();
    if (!reader.ready) return false;
    this.startFromReader(reader);
    return true;
  }

  /**
   * Starts from the head read on past 64 KB. A header longer than that left the delimiter
   * undecided: it is detected again on the whole head, which is then read with it.
   */
  private startFromReader(reader: HeadReader): void {
    // One contiguous copy: the head's fields are decoded from it and the parser reads it in one pass.
    const all = concatBytes(this.held);
    this.held = [all];
    const body = all.subarray(this.bomLength);
    const head = body.subarray(0, reader.headEnd(body.length));
    let { delimiter } = reader;
    if (this.options.delimiter === undefined && reader.headerEnd() > HEAD_SAMPLE_BYTES) {
      delimiter = detectDelimiter(body.subarray(0, Math.min(body.length, reader.windowEnd())), this.options.delimiterHint ?? ',');
    }
    const records = headRecords(head, delimiter);
    // With another delimiter than the one the head was read with, its last record may be cut.
    if (delimiter !== reader.delimiter && head.length < body.length && records.length > 1) records.pop();
    this.start(delimiter, records);
  }

  private start(delimiter: Delimiter, records: ParsedRecord[]): void {
    this.headReader = undefined;
    const headerProblems: CsvProblem[] = [];
    const names = uniqueNames(records[0]?.fields ?? [], headerProblems, records[0]?.line ?? 1);
    const sample = records.slice(1, 2001);
    const columns = this.chooseColumns(names, sample);
    const idProblem = repeatedIdProblem(columns, sample, this.options.roles);
    if (idProblem) headerProblems.push(idProblem);
    const headRows = sample.slice(0, this.options.headRows ?? 200);
    this.head = {
      columns,
      delimiter,
      rows: headRows.map((r) => r.fields),
      lines: headRows.map((r) => r.line),
    };
    this.perRow = estimateBytesPerRow(records);
    const capacity = Math.ceil(((this.options.expectedBytes ?? this.heldBytes) / this.perRow) * 1.08) + 16;
    this.parser = new ColumnarParser(columns, capacity, DELIMITERS[delimiter], this.bomLength);
    for (const p of headerProblems) this.parser.report(p);
    // Chunk by chunk: a huge first row is read by the parser as it arrives, not copied again.
    let skip = this.bomLength;
    for (const chunk of this.held) {
      if (skip < chunk.length) this.parser.push(chunk.subarray(skip));
      skip = Math.max(0, skip - chunk.length);
    }
    this.held = [];
  }

  /** Inferred columns with the user's role choices applied. */
  private chooseColumns(names: string[], sample: ParsedRecord[]): ColumnInfo[] {
    const inferred = inferColumns(names.map((name, i) => ({ name, values: sample.map((r) => r.fields[i] ?? '') })));
    return inferred.map((c, i) => {
      const role = chosenRole(this.options.roles, c.name) ?? c.role;
      const kind = role === c.role ? c.kind : kindForRole(role, undefined);
      return { index: i, name: c.name, role, kind: role === 'other' && role !== c.role ? 'text' : kind };
    });
  }
}

/**
 * Where the head's records end, read as bytes arrive, for a first row longer than the first
 * 64 KB (no field is copied or decoded on the way): ready once the header and the first row
 * have ended and 64 KB more came, or the input ended.
 */
class HeadReader implements CsvSink {
  /** Ends of the non-blank records so far. */
  private readonly ends: number[] = [];
  private readonly scanner: CsvScanner;
  private ended = false;

  constructor(readonly delimiter: Delimiter) {
    this.scanner = new CsvScanner(this, DELIMITERS[delimiter]);
  }

  wantsBytes(): boolean {
    return false;
  }

  field(): void {}

  record(_fieldCount: number, _start: number, end: number, _line: number, blank: boolean): void {
    if (!blank) this.ends.push(end);
  }

  push(bytes: Uint8Array): void {
    this.scanner.push(bytes);
  }

  end(): void {
    this.scanner.end();
    this.ended = true;
  }

  get ready(): boolean {
    return this.ended || (this.ends.length >= 2 && this.scanner.position >= this.windowEnd());
  }

  /** 64 KB past the end of the first row. */
  windowEnd(): number {
    return this.ends.length >= 2 ? this.ends[1] + HEAD_SAMPLE_BYTES : Infinity;
  }

  headerEnd(): number {
    return this.ends[0] ?? Infinity;
  }

  /** The end of the head: the header, the first row and the rows that end within 64 KB after it. */
  headEnd(length: number): number {
    if (this.ends.length < 2) return length;
    const windowEnd = this.windowEnd();
    let last = 1;
    while (last + 1 < this.ends.length && this.ends[last + 1] <= windowEnd) last++;
    return this.ends[last];
  }
}

/** A head cell keeps its first megabyte: enough to infer the column and paint the first rows. */
const HEAD_CELL_BYTES = 1 << 20;

/**
 * The head's records with each cell cut to its first `HEAD_CELL_BYTES` (at a character boundary):
 * a field of tens of MB in the first row is not decoded whole before the first paint. The rows
 * shown once the file is loaded are read from the file, whole.
 */
function headRecords(head: Uint8Array, delimiter: Delimiter): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  let fields: string[] = [];
  const sink: CsvSink = {
    wantsBytes: () => true,
    field(column, bytes, start, end, flags) {
      let stop = end;
      if (end - start > HEAD_CELL_BYTES) {
        stop = start + HEAD_CELL_BYTES;
        while (stop > start && (bytes[stop] & 0xc0) === 0x80) stop--;
      }
      fields[column] = decodeField(bytes, start, stop, flags);
    },
    record(fieldCount, start, end, line, blank) {
      const kept = fields.slice(0, fieldCount);
      fields = [];
      if (!blank) records.push({ fields: kept, line, start, end });
    },
  };
  const scanner = new CsvScanner(sink, DELIMITERS[delimiter]);
  scanner.push(head);
  scanner.end();
  return records;
}

/** Bytes per data row in the head (header excluded), for sizing the columns. */
function estimateBytesPerRow(records: ParsedRecord[]): number {
  if (records.length < 2) return 64;
  const dataBytes = records[records.length - 1].end - records[1].start;
  return Math.max(8, dataBytes / (records.length - 1));
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}


/** Empty headers become "column N"; repeated ones get " (2)", " (3)"; both are reported. */
function uniqueNames(header: string[], problems: CsvProblem[], line: number): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    let name = raw.trim();
    if (name === '') {
      name = `column ${i + 1}`;
      problems.push({ kind: 'empty-header', line, severity: 'warning', message: `column ${i + 1} has no header; it is shown as "${name}"` });
    }
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (count === 1) return name;
    const renamed = `${name} (${count})`;
    problems.push({
      kind: 'duplicate-header',
      line,
      severity: 'warning',
      message: `the header "${name}" appears more than once (column ${i + 1}); it is shown as "${renamed}". Rename it in the file to use it by name.`,
    });
    return renamed;
  });
}

/**
 * A column named like an id whose first values repeat is not taken as the id (rows are then keyed
 * by their number): say so, unless the user chose the roles or the file is long-format judgements,
 * where an example id repeats by design.
 */
function repeatedIdProblem(columns: ColumnInfo[], sample: ParsedRecord[], chosen: LoadOptions['roles']): CsvProblem | undefined {
  if (columns.some((c) => c.kind === 'key') || (chosen && Object.keys(chosen).length > 0)) return undefined;
  const names = columns.map((c) => c.name);
  if (typeof detectLongColumns(names) !== 'string') return undefined;
  const column = columns.find((c) => isIdName(c.name));
  if (!column) return undefined;
  const firstLine = new Map<string, number>();
  for (const record of sample) {
    const value = record.fields[column.index] ?? '';
    if (value === '') continue;
    const seen = firstLine.get(value);
    if (seen !== undefined) {
      return {
        kind: 'duplicate-id',
        line: record.line,
        severity: 'warning',
        message: `column "${column.name}" looks like an id, but "${value.length > 80 ? `${value.slice(0, 80)}…` : value}" repeats (first on line ${seen}), so rows are keyed by their number. Make the ids unique, or choose the id column in the Columns menu to key rows by it anyway.`,
      };
    }
    firstLine.set(value, record.line);
  }
  return undefined;
}
