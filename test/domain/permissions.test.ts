// The role rule: viewers read, members write, owners manage members and settings; tokens of no person follow their scopes.
import { describe, expect, it } from "vitest";
import { mayAct, type ProjectAction, type Role } from "../../src/domain/permissions";

const person = { admin: false, userId: "u1" };
const table = (role: Role | null) => (["read", "write", "manage"] as ProjectAction[]).filter((a) => mayAct(person, role, a));

describe("permissions", () => {
  it("lets each role do what it names and no more", () => {
    expect(table("viewer")).toEqual(["read"]);
    expect(table("member")).toEqual(["read", "write"]);
    expect(table("owner")).toEqual(["read", "write", "manage"]);
  });

  it("gives a person outside the project nothing", () => {
    expect(table(null)).toEqual([]);
  });

  it("lets a token of no person read and write by scope, but manage only as admin", () => {
    const service = { admin: false, userId: null };
    expect((["read", "write", "manage"] as const).filter((a) => mayAct(service, null, a))).toEqual(["read", "write"]);
    expect(mayAct({ admin: true, userId: "u1" }, null, "manage")).toBe(true);
  });
});
