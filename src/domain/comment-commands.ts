// "/taskhub link HUB-12" in an issue or PR comment: the tasks a person asks the hub to link it to.

import { parseText, type RefOptions } from "./refs";

/** Task keys named on "/taskhub link ..." lines; other /taskhub verbs are not understood yet and are ignored. */
export function linkCommandKeys(body: string, opts: RefOptions): string[] {
  const keys = new Set<string>();
  for (const line of body.split(/\r?\n/)) {
    const m = /^\s*\/taskhub\s+link\s+(.*)$/i.exec(line);
    if (!m) continue;
    const intent = parseText(m[1], opts);
    for (const ref of [...intent.closes, ...intent.links]) if (ref.kind === "task") keys.add(ref.key);
  }
  return [...keys];
}
