// The YAML subset of Backlog.md's front matter, read and written.
import { describe, expect, it } from "vitest";
import { parseYaml, splitFrontMatter, writeFrontMatter } from "../../../src/domain/trackers/front-matter";

describe("reading", () => {
  it("plain, quoted and commented scalars", () => {
    expect(parseYaml("a: plain text\nb: 'it''s'\nc: \"tab\\there\"\nd: value # note\ne: '#not a comment'")).toEqual({
      a: "plain text",
      b: "it's",
      c: "tab\there",
      d: "value",
      e: "#not a comment",
    });
  });

  it("flow and block lists, quoted items with commas", () => {
    expect(parseYaml("a: []\nb: [x, 'y, z', \"w\"]\nc:\n  - one\n  - 'two'\nd:\n- three")).toEqual({ a: [], b: ["x", "y, z", "w"], c: ["one", "two"], d: ["three"] });
  });

  it("folded and literal block scalars", () => {
    expect(parseYaml("t: >-\n  Fix memory leaks, and\n  more\nl: |\n  line one\n  line two\nn: next")).toEqual({ t: "Fix memory leaks, and more", l: "line one\nline two\n", n: "next" });
  });

  it("a file without front matter is all body", () => {
    expect(splitFrontMatter("# Title\n")).toEqual({ data: {}, raw: "", body: "# Title\n" });
    expect(splitFrontMatter("---\nid: x\n---\nbody")).toEqual({ data: { id: "x" }, raw: "---\nid: x\n---", body: "body" });
  });
});

describe("writing", () => {
  it("quotes what YAML would read as something else, and reads back the same", () => {
    const data = { id: "task-1", date: "2025-07-15", time: "2026-03-20 15:44", yes: "true", colon: "a: b", list: ["@me", "plain"], empty: [], text: "two\nlines" };
    const text = writeFrontMatter(data);
    expect(text).toContain("date: '2025-07-15'");
    expect(text).toContain("  - '@me'");
    expect(parseYaml(text.slice(4, -4))).toEqual(data);
  });
});
