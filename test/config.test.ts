import { describe, expect, it } from "vitest";
import { ConfigError, hostIsLoopback, loadConfig } from "../src/config";

describe("INNGEST_DEV", () => {
  it("is accepted with no keys for a hub on this machine", () => {
    expect(loadConfig({ INNGEST_DEV: "1" }).engine).toBe("inngest");
    expect(loadConfig({ INNGEST_DEV: "1", PUBLIC_URL: "http://127.0.0.1:8787" }).engine).toBe("inngest");
  });

  it("is refused beside a signing key, which would have the SDK skip the checks the key is for", () => {
    expect(() => loadConfig({ INNGEST_DEV: "1", INNGEST_EVENT_KEY: "ek", INNGEST_SIGNING_KEY: "signkey-prod-1" })).toThrow(ConfigError);
    expect(() => loadConfig({ INNGEST_DEV: "1", INNGEST_SIGNING_KEY: "signkey-prod-1" })).toThrow(/INNGEST_DEV/);
  });

  it("is refused when PUBLIC_URL says the hub is not on loopback", () => {
    expect(() => loadConfig({ INNGEST_DEV: "1", PUBLIC_URL: "https://hub.example.com" })).toThrow(/loopback/);
  });
});

describe("session and ingest settings", () => {
  it("gives sign-in tokens 12 hours unless SESSION_TTL_HOURS says otherwise", () => {
    expect(loadConfig({}).SESSION_TTL_HOURS).toBe(12);
    expect(loadConfig({ SESSION_TTL_HOURS: "2" }).SESSION_TTL_HOURS).toBe(2);
  });

  it("gives ingest 600 posts a minute per token unless RATE_LIMIT_INGEST says otherwise", () => {
    expect(loadConfig({}).RATE_LIMIT_INGEST).toBe(600);
    expect(loadConfig({ RATE_LIMIT_INGEST: "50" }).RATE_LIMIT_INGEST).toBe(50);
  });
});

describe("hostIsLoopback", () => {
  it.each(["localhost", "LOCALHOST", "127.0.0.1", "127.8.9.10", "[::1]", "::1"])("%s is loopback", (h) => {
    expect(hostIsLoopback(h)).toBe(true);
  });

  it.each(["hub.example.com", "localhost.evil.com", "127.0.0.1.nip.io", "10.0.0.1", "0.0.0.0", "[::2]", ""])("%s is not", (h) => {
    expect(hostIsLoopback(h)).toBe(false);
  });
});
