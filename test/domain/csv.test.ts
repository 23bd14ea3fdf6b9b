// CSV cells a spreadsheet would run as formulas are defused with a leading apostrophe; numbers stay numbers.
import { describe, expect, it } from "vitest";
import { csvCell } from "../../src/domain/csv";
import { reportCsv } from "../../src/domain/reports";

describe("csvCell", () => {
  it.each(["=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])("prefixes %j with an apostrophe", (v) => {
    expect(csvCell(v).replace(/^"|"$/g, "").startsWith(`'${v[0]}`)).toBe(true);
  });

  it("quotes a formula cell that also holds a comma", () => {
    expect(csvCell('=HYPERLINK("http://x",1)')).toBe(`"'=HYPERLINK(""http://x"",1)"`);
  });

  it("leaves ordinary text and numbers, negative ones too, as they are", () => {
    expect(csvCell("Fix the leak")).toBe("Fix the leak");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(42)).toBe("42");
  });
});

it("reportCsv defuses a task title that is a formula", () => {
  const csv = reportCsv({
    weeks: [],
    completed: [],
    timePerTask: [{ task: "HUB-1", title: "=cmd|' /C calc'!A0", minutes: 30 }],
    timePerPerson: [],
    cycleHours: { median: null, p90: null, count: 0 },
  } as never);
  expect(csv).toContain("minutes_per_task,HUB-1,'=cmd|' /C calc'!A0,30");
});
