import { decodeField } from './decode';
import { CsvScanner, type CsvProblem, type CsvSink } from './scanner';

export interface ParsedRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
  start: number;
  end: number;
}

/** A sink that hands each record's fields, as strings, to a callback (blank lines left out unless kept). */
export class RecordStream implements CsvSink {
  private current: string[] = [];

  constructor(
    private readonly onRecord: (record: ParsedRecord) => void,
    private readonly keepBlank = false,
  ) {}

  wantsBytes(): boolean {
    return true;
  }

  field(column: number, bytes: Uint8Array, start: number, end: number, flags: number): void {
    this.current[column] = decodeField(bytes, start, end, flags);
  }

  record(fieldCount: number, start: number, end: number, line: number, blank: boolean): void {
    const fields = this.current.slice(0, fieldCount);
    this.current = [];
    if (blank && !this.keepBlank) return;
    this.onRecord({ fields, line, start, end });
  }
}

export interface ParseOptions {
  delimiter?: number;
  /** Keep records made of one empty field (blank lines). Default false. */
  keepBlank?: boolean;
  /** Feed the input in chunks of this size (tests use it to cross chunk boundaries). */
  chunkSize?: number;
}

export interface ParsedCsv {
  records: ParsedRecord[];
  problems: CsvProblem[];
}

/** Parses a whole buffer into string records. Not for big files: see the columnar loader. */
export function parseCsvBytes(bytes: Uint8Array, options: ParseOptions = {}): ParsedCsv {
  const records: ParsedRecord[] = [];
  const scanner = new CsvScanner(new RecordStream((r) => records.push(r), options.keepBlank ?? false), options.delimiter ?? 0x2c);
  const size = options.chunkSize ?? bytes.length;
  if (size <= 0 || size >= bytes.length) {
    scanner.push(bytes);
  } else {
    for (let at = 0; at < bytes.length; at += size) scanner.push(bytes.subarray(at, at + size));
  }
  scanner.end();
  return { records, problems: scanner.problems };
}

export function parseCsvText(text: string, options: ParseOptions = {}): ParsedCsv {
  return parseCsvBytes(new TextEncoder().encode(text), options);
}
