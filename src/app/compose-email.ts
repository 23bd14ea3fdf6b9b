// Turns a rendered template into an Email for one person: their address, their unsubscribe link and headers, the key.

import { wants, type EmailKind, type User } from "../domain/users";
import type { Config } from "../config";
import type { Email } from "../ports/mailer";
import type { EmailContext, Rendered } from "../emails/render";
import { unsubscribeHeaders, unsubscribeSecret, unsubscribeUrl } from "../emails/unsubscribe";

export const hubUrlOf = (config: Pick<Config, "PUBLIC_URL">) => config.PUBLIC_URL ?? "http://localhost:8787";

/** null when the person turned this kind off: nothing is sent and nothing is recorded. */
export async function composeEmail(
  config: Config,
  to: User,
  kind: EmailKind,
  idempotencyKey: string,
  taskId: string | null,
  render: (ctx: EmailContext) => Rendered,
): Promise<Email | null> {
  if (!wants(to, kind)) return null;
  const hubUrl = hubUrlOf(config);
  const secret = unsubscribeSecret(config);
  const link = secret ? await unsubscribeUrl(hubUrl, secret, to.id, kind) : null;
  const r = render({ hubUrl, recipientName: to.name, unsubscribeUrl: link });
  return { to: to.email, userId: to.id, kind, taskId, subject: r.subject, html: r.html, text: r.text, headers: link ? unsubscribeHeaders(link) : {}, idempotencyKey };
}
