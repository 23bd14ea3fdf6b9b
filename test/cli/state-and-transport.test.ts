// What the CLI keeps on disk is its owner's alone, and a token goes in clear only to this machine.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeUrl, isLoopback } from "../../cli/config.mjs";
import { writeSpool } from "../../cli/spool.mjs";
import { writeOffset } from "../../cli/transcript.mjs";
import { runCli, sandbox } from "./helpers";

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe("the CLI's state folder", () => {
  it("writes offsets and the spool as owner-only files in owner-only folders", () => {
    const sb = sandbox();
    writeOffset(sb.state, "/home/dev/.claude/projects/x/s.jsonl", 42);
    expect(writeSpool(sb.state, '{"uuid":"a"}\n')).toBe(true);
    expect(mode(sb.state)).toBe(0o700);
    for (const dir of ["offsets", "spool"]) {
      expect(mode(path.join(sb.state, dir))).toBe(0o700);
      for (const f of fs.readdirSync(path.join(sb.state, dir))) expect(mode(path.join(sb.state, dir, f))).toBe(0o600);
    }
  });

  it("closes a state folder an older CLI left readable to everyone", () => {
    const sb = sandbox();
    fs.mkdirSync(path.join(sb.state, "spool"), { recursive: true, mode: 0o755 });
    fs.chmodSync(sb.state, 0o755);
    writeSpool(sb.state, '{"uuid":"b"}\n');
    expect(mode(sb.state)).toBe(0o700);
    expect(mode(path.join(sb.state, "spool"))).toBe(0o700);
  });
});

describe("the hub URL", () => {
  it("takes http:// for this machine's own addresses", () => {
    for (const url of ["http://localhost:8787", "http://127.0.0.1:8787/", "http://[::1]:8787", "http://hub.localhost"]) expect(() => normalizeUrl(url)).not.toThrow();
    expect(isLoopback("127.10.0.1")).toBe(true);
    expect(isLoopback("10.0.0.1")).toBe(false);
  });

  it("refuses plain http:// to another machine unless asked for, and says why", () => {
    expect(() => normalizeUrl("http://hub.example.com")).toThrow(/token in clear/);
    expect(normalizeUrl("http://hub.example.com/", true)).toBe("http://hub.example.com");
    expect(normalizeUrl("https://hub.example.com/")).toBe("https://hub.example.com");
  });

  it("exits 2 from a command given an http:// hub elsewhere, and goes ahead with TASKHUB_ALLOW_HTTP=1", async () => {
    const sb = sandbox();
    const refused = await runCli(["init", "--url", "http://hub.example.com"], { sandbox: sb });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/TASKHUB_ALLOW_HTTP/);
    expect(fs.existsSync(path.join(sb.work, ".claude"))).toBe(false);
    const allowed = await runCli(["init", "--url", "http://hub.example.com", "--no-todo-tools"], { sandbox: sb, env: { TASKHUB_ALLOW_HTTP: "1" } });
    expect(allowed.code).toBe(0);
  });
});
