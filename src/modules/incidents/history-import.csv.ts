/**
 * A small RFC 4180 CSV reader: fields separated by commas, records by CRLF or LF, fields in double quotes
 * may hold commas, line breaks and doubled quotes (`""`). Each record keeps the line it started on, so an
 * error can name the row a person sees in their spreadsheet or editor. No I/O.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 1;
  let fields: string[] = [];
  let field = "";
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line (one empty field) is skipped, as spreadsheets often leave one at the end.
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  while (i < input.length) {
    const c = input[i];
    if (c === '"' && field === "") {
      const start = line;
      i++;
      for (;;) {
        if (i >= input.length) throw new CsvSyntaxError("a quoted field is never closed", start);
        const q = input[i];
        if (q === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === "\n") line++;
        field += q;
        i++;
      }
      const next = input[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r")
        throw new CsvSyntaxError('text after a closing quote (write a quote inside a field as "")', line);
      continue;
    }
    if (c === ",") {
      fields.push(field);
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && input[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      if (c === '"')
        throw new CsvSyntaxError('a quote inside an unquoted field (quote the field: "…")', line);
      field += c;
      i++;
    }
  }
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}
