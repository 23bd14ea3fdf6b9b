// Which URLs may become links in what we render: only absolute http(s) ones; anything else is shown as text.

/** The URL normalised when it is absolute http or https, else null (javascript:, data:, relative, malformed). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url); // no base: a relative or protocol-relative url does not parse
  } catch {
    return null;
  }
  return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
}
