// Behaviour of the magic-word parser: which refs a commit, PR or branch closes, links and commands.
import definitions from "@octokit/webhooks-examples";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  COMMAND_LIMIT,
  TEXT_LIMIT,
  parseBranchName,
  parseJiraDuration,
  parseText,
  refId,
  type Ref,
  type SmartCommand,
} from "../../src/domain/refs";

const task = (key: string): Ref => ({ kind: "task", key });
const issue = (number: number, owner: string | null = null, repo: string | null = null): Ref => ({
  kind: "issue",
  owner,
  repo,
  number,
});
const closes = (text: string, opts?: { projectKeys?: string[] }) => parseText(text, opts).closes;
const links = (text: string, opts?: { projectKeys?: string[] }) => parseText(text, opts).links;
const commands = (text: string, opts?: { projectKeys?: string[] }) => parseText(text, opts).commands;

describe("closing keywords", () => {
  const github = ["close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved"];
  const linear = ["closing", "fixing", "resolving", "complete", "completes", "completed", "completing"];

  it.each(github)("GitHub's %s closes the task after it", (word) => {
    expect(parseText(`Handle empty cursor, ${word} HUB-12`)).toEqual({ closes: [task("HUB-12")], links: [], commands: [] });
  });

  it.each(linear)("Linear's %s closes the task after it", (word) => {
    expect(closes(`Pagination for the inbox view, ${word} HUB-12`)).toEqual([task("HUB-12")]);
  });

  it("keywords are case-insensitive", () => {
    expect(closes("FIXES HUB-1\nResolved HUB-2\nclOSES HUB-3")).toEqual([task("HUB-1"), task("HUB-2"), task("HUB-3")]);
  });

  it("a colon may follow the keyword", () => {
    expect(closes("Fixes: HUB-7")).toEqual([task("HUB-7")]);
  });

  it("Fixes HUB-1, HUB-2 and HUB-3 closes all three", () => {
    expect(closes("Fixes HUB-1, HUB-2 and HUB-3")).toEqual([task("HUB-1"), task("HUB-2"), task("HUB-3")]);
  });

  it("closes #1, #2 closes both issues", () => {
    expect(closes("closes #1, #2")).toEqual([issue(1), issue(2)]);
  });

  it("a list may be separated by spaces or &", () => {
    expect(closes("Resolves HUB-1 HUB-2 & HUB-3")).toEqual([task("HUB-1"), task("HUB-2"), task("HUB-3")]);
  });

  it("a word other than 'and' ends the list, and the rest are only links", () => {
    expect(parseText("Fixes HUB-1 and also HUB-2")).toMatchObject({ closes: [task("HUB-1")], links: [task("HUB-2")] });
  });

  it("a keyword must be followed by the ref: 'fix the leak in HUB-4' only links", () => {
    expect(parseText("fix the leak in HUB-4")).toMatchObject({ closes: [], links: [task("HUB-4")] });
  });

  it("each line starts afresh: a keyword does not reach the next line", () => {
    expect(parseText("Fixes\nHUB-5")).toMatchObject({ closes: [], links: [task("HUB-5")] });
  });

  it("a keyword inside another word is not a keyword", () => {
    expect(parseText("prefixes HUB-6")).toMatchObject({ closes: [], links: [task("HUB-6")] });
  });

  it("an unknown project's key straight after the keyword does not end the list", () => {
    expect(closes("Fixes OPS-2, HUB-3", { projectKeys: ["HUB"] })).toEqual([task("HUB-3")]);
  });

  it("a closing list keeps going past a key of a project the hub does not know", () => {
    expect(closes("Fixes HUB-1, OPS-2, HUB-3", { projectKeys: ["HUB"] })).toEqual([task("HUB-1"), task("HUB-3")]);
  });
});

describe("linking keywords", () => {
  const words = ["ref", "refs", "references", "part of", "related to", "contributes to", "toward", "towards"];

  it.each(words)("'%s' links without closing", (phrase) => {
    expect(parseText(`Extract retry helper, ${phrase} HUB-20`)).toEqual({ closes: [], links: [task("HUB-20")], commands: [] });
  });

  it("a linking phrase takes a list too", () => {
    expect(links("Related to: HUB-1, HUB-2 and #3")).toEqual([task("HUB-1"), task("HUB-2"), issue(3)]);
  });

  it("a closing keyword after a linking one closes what follows it", () => {
    expect(parseText("Refs HUB-1 and fixes HUB-2")).toMatchObject({ closes: [task("HUB-2")], links: [task("HUB-1")] });
  });

  it("'part' alone is not a keyword", () => {
    expect(parseText("part HUB-1")).toMatchObject({ closes: [], links: [task("HUB-1")] });
  });
});

describe("bare mentions", () => {
  it("a commit 'HUB-3: tidy up' links HUB-3 and closes nothing", () => {
    expect(parseText("HUB-3: tidy up")).toEqual({ closes: [], links: [task("HUB-3")], commands: [] });
  });

  it("a key in brackets is a mention", () => {
    expect(links("Retry webhook delivery on 502 (HUB-41)")).toEqual([task("HUB-41")]);
  });

  it("#12 alone links issue 12", () => {
    expect(links("Follow-up to #12")).toEqual([issue(12)]);
  });

  it("a lower-case key alone is prose without projectKeys", () => {
    expect(links("Dropped the covid-19 banner and step-2 of the wizard")).toEqual([]);
  });

  it("a lower-case key after a keyword counts and is upper-cased", () => {
    expect(closes("fixes hub-12")).toEqual([task("HUB-12")]);
  });

  it("a lower-case key alone counts when its project is known", () => {
    expect(links("tidy hub-12", { projectKeys: ["HUB"] })).toEqual([task("HUB-12")]);
  });

  it("leading zeros are dropped from the number", () => {
    expect(links("HUB-007 cleanup")).toEqual([task("HUB-7")]);
  });
});

describe("deduplication", () => {
  it("a ref mentioned twice is listed once", () => {
    expect(links("HUB-1 HUB-1 hub-1", { projectKeys: ["HUB"] })).toEqual([task("HUB-1")]);
  });

  it("a ref both mentioned and closed is only in closes", () => {
    expect(parseText("HUB-1: cache the session list\n\nFixes HUB-1")).toEqual({ closes: [task("HUB-1")], links: [], commands: [] });
  });

  it("owner/repo refs differing only in case are the same ref", () => {
    expect(closes("Fixes Octo/Hello#4 and octo/hello#4")).toEqual([issue(4, "Octo", "Hello")]);
  });

  it("refId names tasks by key and issues by owner/repo#number", () => {
    expect([task("HUB-12"), issue(12), issue(12, "Octo", "Hello")].map(refId)).toEqual(["HUB-12", "#12", "octo/hello#12"]);
  });
});

describe("GitHub issue references", () => {
  it("owner/repo#12 is an issue in another repository", () => {
    expect(closes("Fixes octo-org/hello-world#12")).toEqual([issue(12, "octo-org", "hello-world")]);
  });

  it("an issue URL is an issue ref", () => {
    expect(closes("Closes https://github.com/octo-org/hello-world/issues/12")).toEqual([issue(12, "octo-org", "hello-world")]);
  });

  it("a full stop after an issue URL ends the sentence", () => {
    expect(links("See https://github.com/octo/hello/issues/7.")).toEqual([issue(7, "octo", "hello")]);
  });

  it("an issue URL with a comment anchor is still the issue", () => {
    expect(links("as discussed in https://github.com/octo/hello/issues/7#issuecomment-1234")).toEqual([issue(7, "octo", "hello")]);
  });

  it("a pull request URL is not an issue ref", () => {
    expect(links("Supersedes https://github.com/octo/hello/pull/8")).toEqual([]);
  });

  it("a key inside a URL to another site is not a mention", () => {
    expect(links("Spec: https://jira.example.com/browse/HUB-9")).toEqual([]);
  });

  it("GH-12 is GitHub's spelling of issue #12", () => {
    expect(closes("Fixes GH-12")).toEqual([issue(12)]);
  });

  it("GH-12 is a task when the hub has a GH project", () => {
    expect(closes("Fixes GH-12", { projectKeys: ["GH"] })).toEqual([task("GH-12")]);
  });

  it("a path, an anchor or an HTML entity is not an issue ref", () => {
    expect(links("see docs/guide/setup#2, page#3 and &#4;")).toEqual([]);
  });

  it("#0 is not an issue", () => {
    expect(links("Fixes #0")).toEqual([]);
  });
});

describe("Jira smart commits", () => {
  it("HUB-12 #comment adds the rest of the line as a comment", () => {
    expect(commands("HUB-12 #comment Reproduced on Safari 17, fix coming")).toEqual<SmartCommand[]>([
      { type: "comment", key: "HUB-12", text: "Reproduced on Safari 17, fix coming" },
    ]);
  });

  it("comment text keeps its inline code", () => {
    expect(commands("HUB-12 #comment renamed `getUser` to `loadUser`")).toEqual([
      { type: "comment", key: "HUB-12", text: "renamed `getUser` to `loadUser`" },
    ]);
  });

  it("#time logs minutes, a week being 5 days and a day 8 hours", () => {
    expect(commands("HUB-12 #time 1w 2d 4h 30m")).toEqual([{ type: "time", key: "HUB-12", minutes: 3630 }]);
  });

  it("#time ignores the work note after the duration", () => {
    expect(commands("HUB-12 #time 2h Paired with Sam on the flaky test")).toEqual([{ type: "time", key: "HUB-12", minutes: 120 }]);
  });

  it("#time without a duration logs nothing", () => {
    expect(commands("HUB-12 #time soon")).toEqual([]);
  });

  it.each([
    ["#done", "completed"],
    ["#start", "in_progress"],
    ["#in-progress", "in_progress"],
    ["#review", "review"],
    ["#resolve", "completed"],
    ["#close", "completed"],
  ] as const)("%s moves the task to %s", (command, to) => {
    expect(commands(`HUB-12 ${command}`)).toEqual([{ type: "transition", key: "HUB-12", to }]);
  });

  it("commands are case-insensitive", () => {
    expect(commands("HUB-12 #DONE")).toEqual([{ type: "transition", key: "HUB-12", to: "completed" }]);
  });

  it("HUB-1 HUB-2 #done completes both", () => {
    expect(commands("HUB-1 HUB-2 #done")).toEqual([
      { type: "transition", key: "HUB-1", to: "completed" },
      { type: "transition", key: "HUB-2", to: "completed" },
    ]);
  });

  it("HUB-1 #time 2h #comment fixed it logs time and comments", () => {
    expect(commands("HUB-1 #time 2h #comment fixed it")).toEqual([
      { type: "time", key: "HUB-1", minutes: 120 },
      { type: "comment", key: "HUB-1", text: "fixed it" },
    ]);
  });

  it("several keys and several commands apply each command to each key", () => {
    expect(commands("HUB-1 HUB-2 #time 30m #comment pairing session #review")).toEqual([
      { type: "time", key: "HUB-1", minutes: 30 },
      { type: "time", key: "HUB-2", minutes: 30 },
      { type: "comment", key: "HUB-1", text: "pairing session" },
      { type: "comment", key: "HUB-2", text: "pairing session" },
      { type: "transition", key: "HUB-1", to: "review" },
      { type: "transition", key: "HUB-2", to: "review" },
    ]);
  });

  it("a key after a command starts a new group", () => {
    expect(commands("HUB-1 #done HUB-2 #start")).toEqual([
      { type: "transition", key: "HUB-1", to: "completed" },
      { type: "transition", key: "HUB-2", to: "in_progress" },
    ]);
  });

  it("a key inside comment text is linked but gets no command", () => {
    expect(parseText("HUB-1 #comment blocked by HUB-2 #done")).toEqual({
      closes: [],
      links: [task("HUB-1"), task("HUB-2")],
      commands: [
        { type: "comment", key: "HUB-1", text: "blocked by HUB-2" },
        { type: "transition", key: "HUB-1", to: "completed" },
      ],
    });
  });

  it("a closing keyword inside comment text closes nothing", () => {
    expect(closes("HUB-1 #comment this fixes HUB-2 I think")).toEqual([]);
  });

  it("each line has its own keys", () => {
    expect(commands("HUB-1 #comment first half\nHUB-2 #time 1h\n#done")).toEqual([
      { type: "comment", key: "HUB-1", text: "first half" },
      { type: "time", key: "HUB-2", minutes: 60 },
    ]);
  });

  it("a command with no key on its line does nothing", () => {
    expect(commands("Tidy imports #done")).toEqual([]);
  });

  it("the same transition said twice is one command", () => {
    expect(commands("HUB-1 #done\nHUB-1 #done")).toEqual([{ type: "transition", key: "HUB-1", to: "completed" }]);
  });

  it("an unknown hashtag does not end comment text", () => {
    expect(commands("HUB-1 #comment tagged #perf for later")).toEqual([
      { type: "comment", key: "HUB-1", text: "tagged #perf for later" },
    ]);
  });

  it("a hashtag named after an Object property is not a command", () => {
    expect(commands("HUB-1 #constructor #toString")).toEqual([]);
  });

  it("a hashtag glued to a key is not a command", () => {
    expect(parseText("#HUB-3 #done-ish")).toEqual({ closes: [], links: [task("HUB-3")], commands: [] });
  });

  it("commands and closing keywords combine in one message", () => {
    const message = ["Stop double-sending digests", "", "Fixes HUB-31", "HUB-31 #time 3h #comment root cause was the cron overlap"].join("\n");
    expect(parseText(message)).toEqual({
      closes: [task("HUB-31")],
      links: [],
      commands: [
        { type: "time", key: "HUB-31", minutes: 180 },
        { type: "comment", key: "HUB-31", text: "root cause was the cron overlap" },
      ],
    });
  });
});

describe("parseJiraDuration", () => {
  it.each([
    ["1w 2d 4h 30m", 3630],
    ["1w", 2400],
    ["1d", 480],
    ["45m", 45],
    ["1.5h", 90],
    ["2h30m", 150],
    ["  3H  ", 180],
  ])("%s is %i minutes", (text, minutes) => {
    expect(parseJiraDuration(text)).toBe(minutes);
  });

  it.each(["", "2", "2 hours", "h", "1y", "2h later"])("%j is not a duration", (text) => {
    expect(parseJiraDuration(text)).toBeNull();
  });
});

describe("text that does not count", () => {
  it("refs inside a fenced code block are ignored", () => {
    const body = "Adds the retry loop.\n\n```ts\n// fixes HUB-8\nconst key = 'HUB-9';\n```\n\nRefs HUB-10";
    expect(parseText(body)).toEqual({ closes: [], links: [task("HUB-10")], commands: [] });
  });

  it("a tilde fence hides its contents too", () => {
    expect(links("~~~\nHUB-8\n~~~\nHUB-9")).toEqual([task("HUB-9")]);
  });

  it("an unclosed fence hides the rest of the text", () => {
    expect(links("HUB-1\n```\nHUB-2")).toEqual([task("HUB-1")]);
  });

  it("refs inside inline code are ignored", () => {
    expect(parseText("Rename `fixes HUB-1` flag; see HUB-2")).toEqual({ closes: [], links: [task("HUB-2")], commands: [] });
  });

  it("a lone backtick does not hide the rest of the line", () => {
    expect(links("it's a ` typo, HUB-2")).toEqual([task("HUB-2")]);
  });

  it("a quoted reply line does not count", () => {
    expect(parseText("> Fixes HUB-1\nThanks, merged. Refs HUB-2")).toEqual({ closes: [], links: [task("HUB-2")], commands: [] });
  });

  it("commands in a quoted line do nothing", () => {
    expect(commands("  > HUB-1 #done")).toEqual([]);
  });

  it("a PR template's HTML comment does not close anything", () => {
    const body = "## Summary\nFaster search.\n\n<!-- Write 'Fixes #123' to close an issue -->\nRefs HUB-4";
    expect(parseText(body)).toEqual({ closes: [], links: [task("HUB-4")], commands: [] });
  });
});

describe("false positives", () => {
  it.each(["UTF-8", "SHA-256", "ISO-8601", "RFC-3339", "CVE-2021", "GPT-4", "X86-64"])("%s is not a task key", (word) => {
    expect(parseText(`Normalize ${word} handling`)).toEqual({ closes: [], links: [], commands: [] });
  });

  it("a date-like run APR-2024-01 is not a key", () => {
    expect(links("Deploy window APR-2024-01")).toEqual([]);
  });

  it("a version-like LIB-1.2 is not a key", () => {
    expect(links("bump LIB-1.2")).toEqual([]);
  });

  it("a key glued to another word is not a key", () => {
    expect(links("pre-HUB-1 and HUB-1@example.com")).toEqual([]);
  });

  it("with projectKeys only keys of those projects count", () => {
    expect(parseText("Fixes HUB-1, refs OPS-2, keeps UTF-8 and ABC-3", { projectKeys: ["HUB", "OPS"] })).toEqual({
      closes: [task("HUB-1")],
      links: [task("OPS-2")],
      commands: [],
    });
  });

  it("projectKeys are matched case-insensitively", () => {
    expect(links("HUB-1", { projectKeys: ["hub"] })).toEqual([task("HUB-1")]);
  });

  it("projectKeys may name a project that looks like a standard", () => {
    expect(links("ISO-4 rollout", { projectKeys: ["ISO"] })).toEqual([task("ISO-4")]);
  });

  it("an empty projectKeys list admits no task keys but still issue refs", () => {
    expect(links("HUB-1 #2", { projectKeys: [] })).toEqual([issue(2)]);
  });

  it("projectKeys filter Jira commands too", () => {
    expect(commands("HUB-1 ABC-2 #done", { projectKeys: ["HUB"] })).toEqual([{ type: "transition", key: "HUB-1", to: "completed" }]);
  });
});

describe("parseBranchName", () => {
  it.each([
    ["hub-12-fix-leak", ["HUB-12"]],
    ["feature/HUB-12", ["HUB-12"]],
    ["HUB-12/anything", ["HUB-12"]],
    ["fix/hub-12", ["HUB-12"]],
    ["sam/hub-12-retry-webhooks", ["HUB-12"]],
    ["refs/heads/HUB-12_cleanup", ["HUB-12"]],
    ["hub-12/hub-13", ["HUB-12", "HUB-13"]],
  ])("%s names %j", (branch, keys) => {
    expect(parseBranchName(branch)).toEqual(keys);
  });

  it.each(["main", "dependabot/npm_and_yarn/vite-5.0.1", "release-2024-01", "utf-8-cleanup", "gh-12-docs"])(
    "%s names no task",
    (branch) => {
      expect(parseBranchName(branch)).toEqual([]);
    },
  );

  it("without projectKeys a key must start a segment", () => {
    expect(parseBranchName("fix-hub-12")).toEqual([]);
  });

  it("with projectKeys a known key counts anywhere between separators", () => {
    expect(parseBranchName("fix-hub-12-and-hub-13", { projectKeys: ["HUB"] })).toEqual(["HUB-12", "HUB-13"]);
  });

  it("with projectKeys an unknown key does not count", () => {
    expect(parseBranchName("python-3-support", { projectKeys: ["HUB"] })).toEqual([]);
  });
});

describe("real GitHub payloads", () => {
  const events = definitions.flatMap((d) => d.examples as unknown[]);
  const pushes = definitions.find((d) => d.name === "push")!.examples as {
    ref: string;
    commits: { message: string }[];
    head_commit: { message: string } | null;
  }[];

  it("the commit messages of GitHub's example pushes mention no task", () => {
    const messages = pushes.flatMap((p) => [...p.commits.map((c) => c.message), p.head_commit?.message ?? ""]);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(parseText(message)).toEqual({ closes: [], links: [], commands: [] });
  });

  it("GitHub's example pull request title, body and branch mention no task", () => {
    const prs = events.flatMap((e) => {
      const pr = (e as { pull_request?: { title: string; body: string | null; head: { ref: string } } }).pull_request;
      return pr ? [pr] : [];
    });
    expect(prs.length).toBeGreaterThan(0);
    for (const pr of prs) {
      expect(parseText(`${pr.title}\n${pr.body ?? ""}`)).toEqual({ closes: [], links: [], commands: [] });
      expect(parseBranchName(pr.head.ref)).toEqual([]);
    }
  });

  it("a real push commit rewritten with magic words is read", () => {
    const commit = pushes.find((p) => p.commits.length > 0)!.commits[0];
    const message = `${commit.message}\n\nFixes HUB-1\nHUB-1 #time 15m`;
    expect(parseText(message)).toEqual({
      closes: [task("HUB-1")],
      links: [],
      commands: [{ type: "time", key: "HUB-1", minutes: 15 }],
    });
  });
});

describe("untrusted input", () => {
  it("text past the first 64 KB is not read", () => {
    const message = `HUB-1\n${"x".repeat(TEXT_LIMIT)}\nFixes HUB-2`;
    expect(parseText(message)).toEqual({ closes: [], links: [task("HUB-1")], commands: [] });
  });

  it("many keys times many commands stop at COMMAND_LIMIT", () => {
    const keys = Array.from({ length: 2_000 }, (_, i) => `HUB-${i + 1}`).join(" ");
    expect(commands(`${keys} ${"#time 1m ".repeat(2_000)}`)).toHaveLength(COMMAND_LIMIT);
  });

  it("never throws and returns only well-formed refs", () => {
    const alphabet = fc.constantFrom(..."HUB-12 #fixes:,&`>\n/.ghx@0~<!->".split(""), "HUB-1", "fixes ", "#done", "#comment ", "#time 2h", "```");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }).map((parts) => parts.join("")), (text) => {
        const intent = parseText(text);
        for (const ref of [...intent.closes, ...intent.links]) {
          if (ref.kind === "task") expect(ref.key).toMatch(/^[A-Z][A-Z0-9]{1,9}-[1-9]\d*$/);
          else expect(ref.number).toBeGreaterThan(0);
        }
        const closed = new Set(intent.closes.map(refId));
        expect(intent.links.some((r) => closed.has(refId(r)))).toBe(false);
      }),
    );
  });
});
