// Only http(s) URLs become links: anything else (javascript:, data:, vbscript:, relative tricks) is shown as text.
import { describe, expect, it } from "vitest";
import { safeHref } from "../../src/domain/safe-href";

describe("safeHref", () => {
  it.each(["https://github.com/acme/hub/pull/1", "http://localhost:8787/tasks/HUB-1", "HTTPS://EXAMPLE.COM/x"])("keeps %s", (url) => {
    expect(safeHref(url)).toBe(new URL(url).href);
  });

  it.each(["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "//evil.example/x", "/tasks/HUB-1", "not a url", ""])(
    "refuses %j",
    (url) => {
      expect(safeHref(url)).toBeNull();
    },
  );

  it("refuses a missing url", () => {
    expect(safeHref(null)).toBeNull();
  });
});
