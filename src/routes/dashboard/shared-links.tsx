// The project's shared links on its board (owners and the admin): make one (its address shown once), see each one's state, revoke.

import { Hono } from "hono";
import { revokeShareLink } from "../../app/shared-links";
import { SHARE_DAYS_DEFAULT, SHARE_DAYS_MAX, shareState, type SharedLink } from "../../domain/shared-links";
import type { AppEnv } from "../../http/context";
import { useCaseOf } from "../../http/permissions";
import { mintShareLink } from "../../http/share-links";
import type { Project } from "../../ports/store";
import { back, writerForm } from "./guard";
import { Layout } from "./layout";

export function SharedLinksPanel(props: { project: Project; links: SharedLink[]; csrf: string; now: Date }) {
  const key = encodeURIComponent(props.project.key);
  return (
    <div class="panel" id="shared-links">
      <h2>Shared links</h2>
      <p class="meta">Anyone with a link sees this project's board, graph and reports, read-only and without addresses, until it expires or is revoked.</p>
      <table class="grid">
        {props.links.map((l) => (
          <tr data-link={l.id}>
            <td>{l.label}</td>
            <td class="meta">by {l.createdBy} · {l.createdAt.slice(0, 10)}</td>
            <td>
              <span class="badge">{shareState(l, props.now)}</span> <span class="meta">until {l.expiresAt.slice(0, 16).replace("T", " ")}</span>
            </td>
            <td>
              {l.revokedAt ? null : (
                <form method="post" action={`/projects/${key}/shared-links/${encodeURIComponent(l.id)}/revoke`}>
                  <input type="hidden" name="_csrf" value={props.csrf} />
                  <button type="submit">Revoke</button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </table>
      <form method="post" action={`/projects/${key}/shared-links`} class="toolbar">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <label class="f">
          label
          <input name="label" maxlength={100} size={20} placeholder="For the client" />
        </label>
        <label class="f">
          days
          <input name="days" type="number" min={1} max={SHARE_DAYS_MAX} value={String(SHARE_DAYS_DEFAULT)} size={4} />
        </label>
        <button type="submit">Share read-only link</button>
      </form>
    </div>
  );
}

export const sharedLinkForms = new Hono<AppEnv>()
  .post("/projects/:key/shared-links", async (c) => {
    const f = await writerForm(c);
    const { link, url } = await mintShareLink(c, c.req.param("key"), { label: f.label, days: f.days });
    c.header("cache-control", "no-store");
    return c.html(
      <Layout nonce={c.get("secureHeadersNonce")} title="Shared link" signedIn>
        <h1>Shared link for {c.req.param("key")}</h1>
        <p>Copy it now: the hub keeps only its hash and cannot show it again.</p>
        <p>
          <input readonly value={url} size={90} aria-label="shared link" />
        </p>
        <p class="meta">
          Valid until {link.expiresAt.slice(0, 16).replace("T", " ")} UTC. <a href={`/?project=${encodeURIComponent(c.req.param("key"))}#shared-links`}>Back to the board</a>
        </p>
      </Layout>,
      201,
    );
  })
  .post("/projects/:key/shared-links/:id/revoke", async (c) => {
    await writerForm(c);
    await revokeShareLink(useCaseOf(c), c.req.param("key"), c.req.param("id"));
    return back(c, `/?project=${encodeURIComponent(c.req.param("key"))}`);
  });
