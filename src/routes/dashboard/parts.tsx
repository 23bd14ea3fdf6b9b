// Renders the domain's readable parts: text escaped by hono/jsx, links only where the domain gave an href.

import type { Part } from "../../domain/describe-activity";

export function Parts(props: { parts: Part[] }) {
  return (
    <>
      {props.parts.map((p) =>
        p.href ? (
          <a href={p.href} rel={p.href.startsWith("/") ? undefined : "noreferrer"}>
            {p.text}
          </a>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

/** A timestamp as the dashboard shows it: "2026-12-01 13:30" (UTC). */
export const when = (at: string) => at.slice(0, 16).replace("T", " ");
