// A link to somewhere else (a commit, a pull request): an anchor only for http(s) urls, plain text otherwise.

import type { Child } from "hono/jsx";
import { safeHref } from "../../domain/safe-href";

export function ExternalLink(props: { url: string | null; children: Child }) {
  const href = safeHref(props.url);
  return href ? (
    <a href={href} rel="noreferrer">
      {props.children}
    </a>
  ) : (
    <span>{props.children}</span>
  );
}
