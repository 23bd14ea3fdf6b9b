// CSV cells: quoted when they hold a separator, and defused when a spreadsheet would run them as a formula.

/** Leading characters that make Excel, LibreOffice or Sheets read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell; a string that starts like a formula gets a leading apostrophe, numbers stay numbers. */
export function csvCell(v: string | number): string {
  const text = typeof v === "string" && FORMULA_START.test(v) ? `'${v}` : String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV text, one line each, ending in a newline. */
export const csvRows = (rows: (string | number)[][]) => rows.map((row) => row.map(csvCell).join(",")).join("\n") + "\n";
