// `taskhub token create`: asks the hub (with an admin token) for a new token with the given scopes.
import { UsageError } from "./config.mjs";
import { hubJson } from "./http.mjs";

export const SCOPES = ["ingest", "read", "write", "admin", "metrics"];

/**
 * @param {{ cfg: import("./config.mjs").HubConfig, name: string, scopes: string }} opts
 * @returns {Promise<{ token: string, id: string }>}
 */
export async function createToken({ cfg, name, scopes }) {
  if (!name?.trim()) throw new UsageError("token create needs --name");
  const list = (scopes ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw new UsageError(`token create needs --scopes, a comma-separated subset of ${SCOPES.join(",")}`);
  const unknown = list.filter((s) => !SCOPES.includes(s));
  if (unknown.length) throw new UsageError(`unknown scope ${unknown.join(", ")}; choose from ${SCOPES.join(", ")}`);
  const res = await hubJson(cfg, "/api/tokens", {
    method: "POST",
    body: JSON.stringify({ name: name.trim(), scopes: [...new Set(list)] }),
    contentType: "application/json",
  });
  if (typeof res?.token !== "string" || !res.token) throw new Error("the hub answered without a token");
  return { token: res.token, id: String(res.id ?? "") };
}
