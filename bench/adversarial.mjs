// Adversarial extraction: MB/s of extractTranscript over transcripts built to make patterns backtrack; the worst case counts.

const BASE = { sessionId: "11111111-2222-3333-4444-555555555555", cwd: "/home/dev/taskhub", gitBranch: "main", version: "2.1.332" };
let n = 0;
const line = (type, content, extra = {}) =>
  JSON.stringify({ ...BASE, parentUuid: null, isSidechain: false, type, message: { role: type, content }, uuid: `u${++n}`, timestamp: "2026-12-01T10:00:00.000Z", ...extra });
const endTurn = () => JSON.stringify({ ...BASE, type: "system", subtype: "turn_duration", uuid: `u${++n}`, timestamp: "2026-12-01T10:00:09.000Z" });
const lastWords = (text) => [line("assistant", [{ type: "text", text }]), endTurn()].join("\n") + "\n";
const prompt = (text, extra) => line("user", text, extra) + "\n";

/** Each case: a transcript of about `bytes` bytes. */
export const ADVERSARIAL_CASES = {
  "next steps + spaces": (bytes) => lastWords(`next steps${" ".repeat(bytes)}x`),
  "**Next steps** + spaces + : + spaces": (bytes) => lastWords(`**Next steps**${" ".repeat(bytes / 2)}:${" ".repeat(bytes / 2)}x`),
  "<a<a<a… prompt": (bytes) => prompt(`please add ${"<a".repeat(bytes / 2)}`),
  "unclosed <a> tags": (bytes) => prompt(`please add x ${"<a>".repeat(bytes / 3)}`),
  "cwd of slashes": (bytes) => prompt("please add a retry to the sender", { cwd: `${"/".repeat(bytes)}x` }),
  "compaction item of ( ( (": (bytes) => prompt(`## Pending Tasks\n- fix ${"(".repeat(bytes)}x`, { isCompactSummary: true }),
  "compaction item with spaces": (bytes) => prompt(`## Pending Tasks\n- fix x${" ".repeat(bytes)}y`, { isCompactSummary: true }),
  "request clause of spaces": (bytes) => prompt(`please add x${" ".repeat(bytes)}y`),
  "due date among next 1 next 1…": (bytes) => prompt(`please add x by ${"next 1 ".repeat(bytes / 7)}`),
  "bd create with a long quoted title": (bytes) =>
    [line("assistant", [{ type: "tool_use", id: "b1", name: "Bash", input: { command: `bd create "${"x ".repeat(bytes / 2)}" && ${"bd dep add a-1 b-2 && ".repeat(8)}true` } }]), line("user", [{ type: "tool_result", tool_use_id: "b1", content: "✓ Created issue: app-abc" }])].join("\n") + "\n",
};

/** MB/s of each case at `bytes`, measured like the normal figure; the worst is the figure. */
export function adversarialRates(extractTranscript, rate, bytes) {
  const cases = {};
  for (const [name, make] of Object.entries(ADVERSARIAL_CASES)) cases[name] = rate(extractTranscript, make(bytes), 200);
  const [worstCase, worst] = Object.entries(cases).sort((a, b) => a[1] - b[1])[0];
  return { worst, worstCase, cases };
}
