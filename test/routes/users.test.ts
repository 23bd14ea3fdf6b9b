// /api/users: people with time zones and digest preferences; a person's token sees only that person.
import { describe, expect, it } from "vitest";
import { call } from "../support/hub";
import { createUser, tokenFor } from "../support/people";

describe("/api/users", () => {
  it("creates a person with their digest preferences", async () => {
    const res = await call("/api/users", { method: "POST", json: { email: "ada@example.com", name: "Ada", timezone: "Europe/Berlin", digest: "daily", digestHour: 7 } });
    expect(res.status).toBe(201);
    const u = await res.json();
    expect(u).toMatchObject({ email: "ada@example.com", timezone: "Europe/Berlin", digest: "daily", digestHour: 7, unsubscribed: [] });
    expect((await (await call(`/api/users/${u.id}`)).json()).name).toBe("Ada");
  });

  it("refuses a second person with the same email, whatever its case, with 409", async () => {
    await createUser("grace@example.com");
    const res = await call("/api/users", { method: "POST", json: { email: "Grace@Example.com", name: "G" } });
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe("conflict");
  });

  it("refuses a time zone that is not an IANA name", async () => {
    const res = await call("/api/users", { method: "POST", json: { email: "tz@example.com", name: "T", timezone: "Mars/Olympus" } });
    expect(res.status).toBe(400);
  });

  it("lets a person change their own digest hour", async () => {
    const u = await createUser("self@example.com");
    const res = await call(`/api/users/${u.id}`, { method: "PUT", token: await tokenFor(u.id), json: { digestHour: 18, digest: "weekly" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ digestHour: 18, digest: "weekly" });
  });

  it("does not let a person's token read someone else", async () => {
    const a = await createUser("a@example.com");
    const b = await createUser("b@example.com");
    const res = await call(`/api/users/${b.id}`, { token: await tokenFor(a.id, ["read"]) });
    expect(res.status).toBe(403);
  });

  it("only lets admins create people", async () => {
    const u = await createUser("w@example.com");
    const res = await call("/api/users", { method: "POST", token: await tokenFor(u.id), json: { email: "x@example.com", name: "X" } });
    expect(res.status).toBe(403);
  });
});
