// GitHub sign-in maps to people by githubLogin: userForGithubLogin decides whether the person the store found is the one signing in.
import { describe, expect, it } from "vitest";
import { userForGithubLogin } from "../../src/domain/users";

const alice = { id: "u-alice", githubLogin: "Alice-Dev" };

describe("userForGithubLogin", () => {
  it("maps a login to the person who holds it", () => {
    expect(userForGithubLogin("Alice-Dev", alice)).toBe(alice);
  });

  it("compares logins in any case, as GitHub does", () => {
    expect(userForGithubLogin("alice-dev", alice)).toBe(alice);
  });

  it("refuses a person the store found by another field (an id equal to the login)", () => {
    expect(userForGithubLogin("u-alice", alice)).toBeNull();
  });

  it("refuses a person with no GitHub login", () => {
    expect(userForGithubLogin("alice-dev", { githubLogin: null })).toBeNull();
  });

  it("refuses when nobody was found", () => {
    expect(userForGithubLogin("alice-dev", null)).toBeNull();
  });

  it("refuses a missing login", () => {
    expect(userForGithubLogin(undefined, alice)).toBeNull();
  });

  it("refuses what cannot be a GitHub login, such as an email address", () => {
    expect(userForGithubLogin("alice@example.com", { githubLogin: "alice@example.com" })).toBeNull();
  });
});
