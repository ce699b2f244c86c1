import { type CsvCell, csvFileName, toCsv } from "./csv.ts";

export interface CsvTable {
  header: readonly string[];
  rows: readonly (readonly CsvCell[])[];
}

/**
 * "Download CSV" for the table next to it. The file is built only when clicked, from the same data the
 * table shows; a BOM is prepended so Excel reads UTF-8 names correctly.
 */
export function CsvButton(props: { name: string[]; table: () => CsvTable; label?: string }) {
  const download = () => {
    const { header, rows } = props.table();
    const blob = new Blob(["\uFEFF", toCsv(header, rows)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = csvFileName(...props.name);
    document.body.append(link);
    link.click();
    link.remove();
    // Revoked after the click has been handled, so the download has started.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <button type="button" className="button button-small csv-button" onClick={download}>
      {props.label ?? "Download CSV"}
    </button>
  );
}
