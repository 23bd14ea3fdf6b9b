// Dashboard sign-in and out: a token in a form, or GitHub OAuth mapped to a user by githubLogin; both end in the session cookie.

import { githubAuth } from "@hono/oauth-providers/github";
import { Hono } from "hono";
import { principalForHash } from "../../http/auth";
import { GITHUB_LOGIN, userForGithubLogin } from "../../domain/users";
import type { AppEnv } from "../../http/context";
import { ApiError } from "../../http/errors";
import { signIn, signOut } from "../../http/session";
import { sha256Hex } from "../../http/tokens";
import { Layout } from "./layout";
import { LoginForm } from "./login-form";

export { LoginForm };

export const login = new Hono<AppEnv>()
  .post("/login", async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === "string" ? form.token.trim() : "";
    const hash = await sha256Hex(token);
    const principal = token ? await principalForHash(c, hash) : null;
    if (!principal) {
      return c.html(
        <Layout nonce={c.get("secureHeadersNonce")} title="Sign in">
          <LoginForm error="That token is unknown or revoked." />
        </Layout>,
        401,
      );
    }
    await signIn(c, { name: principal.name, userId: principal.userId, scopes: principal.scopes, fromHash: hash });
    return c.redirect("/", 303);
  })
  .post("/logout", async (c) => {
    await signOut(c);
    return c.redirect("/", 303);
  })
  .use("/auth/github", async (c, next) => {
    const { GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, PUBLIC_URL } = c.get("services").config;
    if (!GITHUB_CLIENT_ID || !GITHUB_CLIENT_SECRET) throw new ApiError(404, "not_found", "GitHub sign-in is not configured on this hub");
    const redirect_uri = `${PUBLIC_URL ?? new URL(c.req.url).origin}/auth/github`;
    return githubAuth({ client_id: GITHUB_CLIENT_ID, client_secret: GITHUB_CLIENT_SECRET, scope: ["read:user"], oauthApp: true, redirect_uri })(c, next);
  })
  .get("/auth/github", async (c) => {
    const login = (c.get("user-github") as { login?: string } | undefined)?.login;
    const { store } = c.get("services");
    const user = userForGithubLogin(login, login && GITHUB_LOGIN.test(login) ? await store.findUser(login) : null);
    if (!user) {
      return c.html(
        <Layout nonce={c.get("secureHeadersNonce")} title="Sign in">
          <LoginForm error={`No taskhub user has the GitHub login ${login ?? "(none)"}; ask an admin to add it.`} github />
        </Layout>,
        403,
      );
    }
    // The session is a token like any other (listed, revocable under /api/tokens), expiring after SESSION_TTL_HOURS.
    await signIn(c, { name: `github:${login}`, scopes: ["write"], userId: user.id, fromHash: null });
    return c.redirect("/", 303);
  });
