// The role rule: viewers read, members write, owners manage; a person's token is also limited by its scopes; tokens of no person follow their scopes.
import { describe, expect, it } from "vitest";
import { decide, mayAct, mayOperate, outsideLimit, readableProjects, type Asker, type ProjectAction, type Role } from "../../src/domain/permissions";

const ACTIONS: ProjectAction[] = ["read", "write", "manage"];
const person = (scopes: Asker["scopes"] = ["write"]): Asker => ({ admin: false, userId: "u1", scopes });
const service = (scopes: Asker["scopes"]): Asker => ({ admin: false, userId: null, scopes });
const table = (asker: Asker, role: Role | null) => ACTIONS.map((a) => decide(asker, role, a));

describe("a person's write token", () => {
  it("lets each role do what it names and refuses the rest with forbidden", () => {
    expect(table(person(), "viewer")).toEqual(["allow", "forbidden", "forbidden"]);
    expect(table(person(), "member")).toEqual(["allow", "allow", "forbidden"]);
    expect(table(person(), "owner")).toEqual(["allow", "allow", "allow"]);
  });

  it("hides a project where the person holds no role", () => {
    expect(table(person(), null)).toEqual(["hidden", "hidden", "hidden"]);
  });
});

describe("a person's token limited by its scopes", () => {
  it("lets an owner's read token read but not write or manage", () => {
    expect(table(person(["read"]), "owner")).toEqual(["allow", "forbidden", "forbidden"]);
  });

  it("lets an owner's ingest token do nothing in the project", () => {
    expect(table(person(["ingest"]), "owner")).toEqual(["forbidden", "forbidden", "forbidden"]);
  });

  it("checks the scope before the role, so an ingest token learns nothing of a project it is not in", () => {
    expect(decide(person(["ingest"]), null, "read")).toBe("forbidden");
  });
});

describe("admins", () => {
  it("lets an admin-scope token bound to a person do everything where that person has no role", () => {
    expect(table({ admin: true, userId: "u1", scopes: ["admin"] }, null)).toEqual(["allow", "allow", "allow"]);
  });

  it("lets the admin token (no person) manage", () => {
    expect(decide({ admin: true, userId: null, scopes: ["admin"] }, null, "manage")).toBe("allow");
  });
});

describe("tokens of no person", () => {
  it("read and write every project by scope but never manage", () => {
    expect(table(service(["write"]), null)).toEqual(["allow", "allow", "forbidden"]);
  });

  it("read with a read scope and nothing more", () => {
    expect(table(service(["read"]), null)).toEqual(["allow", "forbidden", "forbidden"]);
  });
});

describe("tokens limited to named projects", () => {
  const limited = { admin: false, userId: null, scopes: ["write"] as const, projects: ["HUB"] };
  it("see only the projects they name", () => {
    expect(outsideLimit(limited, "HUB")).toBe(false);
    expect(outsideLimit(limited, "OPS")).toBe(true);
  });

  it("are never limited when admin, nor when they name no projects", () => {
    expect(outsideLimit({ ...limited, admin: true }, "OPS")).toBe(false);
    expect(outsideLimit({ ...limited, projects: null }, "OPS")).toBe(false);
  });

  it("are no operator, whatever their scopes", () => {
    expect(mayOperate(limited)).toBe(false);
    expect(mayOperate({ ...limited, projects: null })).toBe(true);
  });
});

describe("mayAct", () => {
  it("is true only where decide allows", () => {
    expect(mayAct(person(), "viewer", "read")).toBe(true);
    expect(mayAct(person(), "viewer", "write")).toBe(false);
  });
});

describe("readableProjects", () => {
  it("lists the projects where a person holds any role", () => {
    expect(readableProjects(person(), { p1: "viewer", p2: "owner" })).toEqual(["p1", "p2"]);
  });

  it("gives a person with no roles an empty list", () => {
    expect(readableProjects(person(), {})).toEqual([]);
  });

  it("gives admins and tokens of no person every project", () => {
    expect(readableProjects({ admin: true, userId: "u1", scopes: ["admin"] }, {})).toBe("all");
    expect(readableProjects(service(["read"]), {})).toBe("all");
  });

  it("gives a token without the read scope nothing, whatever its person's roles", () => {
    expect(readableProjects(person(["ingest"]), { p1: "owner" })).toEqual([]);
  });
});

describe("mayOperate (hub-wide actions such as replaying a delivery)", () => {
  it("allows admins and write tokens of no person", () => {
    expect(mayOperate({ admin: true, userId: "u1", scopes: ["admin"] })).toBe(true);
    expect(mayOperate(service(["write"]))).toBe(true);
  });

  it("refuses a person's write token and a read token", () => {
    expect(mayOperate(person(["write"]))).toBe(false);
    expect(mayOperate(service(["read"]))).toBe(false);
  });
});
