// /unsubscribe: the signed link in every email. GET asks to confirm; POST (the page's button, or a mail client's one-click) does it.

import { Hono, type Context } from "hono";
import { z } from "zod";
import { EMAIL_KINDS, type EmailKind } from "../domain/users";
import { verifyUnsubscribe, unsubscribeSecret } from "../emails/unsubscribe";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import { Layout } from "./dashboard/layout";

const vLink = z.object({ u: z.string().min(1).max(100), k: z.enum(EMAIL_KINDS), s: z.string().min(1).max(100) });

const KIND_NAMES: Record<EmailKind, string> = {
  deadline: "due-date reminders",
  overdue: "overdue alerts",
  unblocked: "unblocked-task notices",
  nudge: "nudges about work others wait on",
  escalation: "escalations about stuck blockers",
  digest: "digests",
};

/** The link is the credential: a bad or forged one is refused without saying whether the person exists. */
async function verified(c: Context<AppEnv>) {
  const link = vLink.safeParse(c.req.query());
  const secret = unsubscribeSecret(c.get("services").config);
  if (!link.success || !secret || !(await verifyUnsubscribe(secret, link.data.u, link.data.k, link.data.s))) {
    throw new ApiError(400, "invalid_link", "This unsubscribe link is not valid");
  }
  return link.data;
}

export const unsubscribe = new Hono<AppEnv>()
  .get("/unsubscribe", async (c) => {
    const link = await verified(c);
    const action = `/unsubscribe?${new URLSearchParams(link)}`;
    return c.html(
      <Layout nonce={c.get("secureHeadersNonce")} title="Unsubscribe">
        <form class="login" method="post" action={action}>
          <h1>Unsubscribe</h1>
          <p>Stop sending you {KIND_NAMES[link.k]}? Other taskhub email is not affected.</p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit">Unsubscribe</button>
        </form>
      </Layout>,
    );
  })
  .post("/unsubscribe", async (c) => {
    const link = await verified(c);
    const user = await c.get("services").store.unsubscribe(link.u, link.k, new Date().toISOString());
    if (!user) throw new ApiError(400, "invalid_link", "This unsubscribe link is not valid");
    return c.html(
      <Layout nonce={c.get("secureHeadersNonce")} title="Unsubscribed">
        <div class="login">
          <h1>Unsubscribed</h1>
          <p>You will get no more {KIND_NAMES[link.k]}.</p>
        </div>
      </Layout>,
    );
  });
