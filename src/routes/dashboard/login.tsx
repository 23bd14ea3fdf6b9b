// Dashboard sign-in: a token in a form becomes a signed, HttpOnly, SameSite session cookie.

import { Hono } from "hono";
import { deleteCookie, setSignedCookie } from "hono/cookie";
import { principalForHash, SESSION_COOKIE, SESSION_TTL_S, sessionSecret } from "../../http/auth";
import type { AppEnv } from "../../http/context";
import { sha256Hex } from "../../http/tokens";
import { Layout } from "./layout";

export function LoginForm(props: { error: string | null }) {
  return (
    <form class="login" method="post" action="/login">
      <h1>Sign in to taskhub</h1>
      {props.error ? <p class="overdue">{props.error}</p> : null}
      <label>
        Token
        <br />
        <input type="password" name="token" autocomplete="current-password" required style="width:100%" />
      </label>
      <p>
        <button type="submit">Sign in</button>
      </p>
    </form>
  );
}

export const login = new Hono<AppEnv>()
  .post("/login", async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === "string" ? form.token.trim() : "";
    const hash = await sha256Hex(token);
    const secret = sessionSecret(c);
    const principal = token ? await principalForHash(c, hash) : null;
    if (!principal || !secret) {
      const error = secret ? "That token is unknown or revoked." : "Cookie sign-in needs HUB_SECRET or HUB_ADMIN_TOKEN on the hub.";
      return c.html(
        <Layout title="Sign in">
          <LoginForm error={error} />
        </Layout>,
        401,
      );
    }
    const exp = Math.floor(Date.now() / 1000) + SESSION_TTL_S;
    await setSignedCookie(c, SESSION_COOKIE, `${hash}.${exp}`, secret, {
      httpOnly: true,
      sameSite: "Lax",
      secure: new URL(c.req.url).protocol === "https:",
      path: "/",
      maxAge: SESSION_TTL_S,
    });
    return c.redirect("/", 303);
  })
  .post("/logout", (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/", 303);
  });
