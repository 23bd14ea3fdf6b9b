// GET /emails: the email log (outbox or Resend) with each message previewed in a sandboxed frame.

import { Hono } from "hono";
import { hasScope } from "../../http/auth";
import type { AppEnv } from "../../http/context";
import { reader } from "./guard";
import { Layout } from "./layout";

const EMAILS_SHOWN = 50;

export const emailsPage = new Hono<AppEnv>().get("/emails", reader, async (c) => {
  const { store, mailer } = c.get("services");
  // As GET /api/emails: a person's session shows only that person's mail; admins and tokens of no person see all.
  const p = c.get("principal")!;
  const me = p.userId && !hasScope(p, "admin") ? await store.getUser(p.userId) : null;
  const emails = p.userId && !hasScope(p, "admin") ? (me ? await store.listEmails({ to: me.email }, EMAILS_SHOWN) : []) : await store.listEmails({}, EMAILS_SHOWN);
  return c.html(
    <Layout nonce={c.get("secureHeadersNonce")} title="Emails" signedIn current="/emails">
      <h1>Emails</h1>
      <p class="meta">
        Mailer {mailer.name}; the last {EMAILS_SHOWN}. Previews run in a sandboxed frame: no scripts, no same-origin access.
      </p>
      {emails.length ? null : <p>No email yet.</p>}
      {emails.map((e) => (
        <details class="panel">
          <summary>
            <span class={`badge ${e.status}`}>{e.status}</span> <span class="badge">{e.kind}</span> <strong>{e.subject}</strong> → {e.to}{" "}
            <span class="meta">{e.createdAt.slice(0, 16).replace("T", " ")}</span>
          </summary>
          {e.error ? <p class="err">{e.error}</p> : null}
          <p class="meta">idempotency key {e.idempotencyKey}</p>
          {/* srcdoc is an escaped attribute; sandbox without allow-scripts keeps the email's markup inert. */}
          <iframe class="preview" sandbox="" srcdoc={e.html} title={`preview of ${e.subject}`} />
        </details>
      ))}
    </Layout>,
  );
});
