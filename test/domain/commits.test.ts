// What a commit does to the tasks it names.
import { describe, expect, it } from "vitest";
import { commitEffects } from "../../src/domain/commits";
import { parseText } from "../../src/domain/refs";

const effects = (message: string, onDefault: boolean) => commitEffects(parseText(message, { projectKeys: ["HUB"] }), onDefault);

describe("commitEffects", () => {
  it("closes on the default branch", () => {
    expect(effects("Fixes HUB-1", true)).toEqual([{ taskKey: "HUB-1", close: true, start: false }]);
  });

  it("only starts the task off the default branch", () => {
    expect(effects("Fixes HUB-1", false)).toEqual([{ taskKey: "HUB-1", close: false, start: true }]);
  });

  it("treats Jira's #done like a closing word", () => {
    expect(effects("HUB-2 #done", true)).toEqual([{ taskKey: "HUB-2", close: true, start: false }]);
  });

  it("links a mere mention without closing", () => {
    expect(effects("Refs HUB-3", true)).toEqual([{ taskKey: "HUB-3", close: false, start: true }]);
  });
});
