// Active time: gaps between lines add up unless they are long enough to mean nobody was working.

import { describe, expect, it } from "vitest";
import { extractTranscript } from "../../../src/domain/extract";
import { fixture, jsonl, ofType, userLine } from "./helpers";

const at = (min: number) => new Date(Date.UTC(2026, 1, 11, 10, 0) + min * 60_000).toISOString();
const minutesOf = (...mins: number[]) => ofType(extractTranscript(jsonl(...mins.map((m) => userLine("ok", at(m))))), "time");

describe("active time", () => {
  it("adds up gaps of up to 15 minutes", () => {
    expect(minutesOf(0, 10, 25)[0].minutes).toBe(25);
  });

  it("leaves out a gap over 15 minutes as idle", () => {
    expect(minutesOf(0, 5, 45, 50)[0].minutes).toBe(10);
  });

  it("emits no time intent when there is no active minute", () => {
    expect(minutesOf(0)).toHaveLength(0);
    expect(minutesOf(0, 60)).toHaveLength(0);
  });

  it("puts the time intent at the last line of the slice", () => {
    const text = jsonl(userLine("a", at(0)), userLine("b", at(3)));
    const [t] = ofType(extractTranscript(text), "time");
    expect(t.origin.lineUuid).toBe(JSON.parse(text.split("\n")[1]).uuid);
    expect(t.origin.chain).toBe("main");
  });

  it("counts 12 active minutes in the TodoWrite session, which runs 00:08:32–00:20:03 with no gap over 15 minutes", () => {
    expect(ofType(extractTranscript(fixture("a-todowrite-v2.1.4.jsonl")), "time")[0].minutes).toBe(12);
  });
});
