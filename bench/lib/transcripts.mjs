// Transcript slices for the bench: real TodoWrite and TaskCreate sessions re-keyed so each copy is new work for the hub.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./hub.mjs";

const todowrite = readFileSync(join(root, "test/fixtures/claude/a-todowrite-v2.1.4.jsonl"), "utf8");
const taskTools = readFileSync(join(root, "test/fixtures/claude/b-taskcreate-taskupdate-v2.1.39.jsonl"), "utf8");

/** Same lines, a fresh session id, the bench project's folder, and todo and TaskCreate titles tagged so they are new tasks. */
export function rekey(text, { cwd, tag }) {
  const sessionId = crypto.randomUUID();
  return text
    .split("\n")
    .filter((l) => l.trim())
    .map((line) => {
      const rec = JSON.parse(line);
      if (rec.sessionId) rec.sessionId = sessionId;
      if (rec.cwd) rec.cwd = cwd;
      for (const part of Array.isArray(rec.message?.content) ? rec.message.content : []) {
        if (part?.type === "tool_use" && part.name === "TodoWrite") for (const t of part.input.todos ?? []) t.content = `${t.content} ${tag}`;
        if (part?.type === "tool_use" && part.name === "TaskCreate" && part.input.subject) part.input.subject = `${part.input.subject} ${tag}`;
      }
      return JSON.stringify(rec);
    })
    .join("\n") + "\n";
}

/** The first TodoWrite of the TodoWrite session and the lines before it: a slice the hooks would post. */
export function todoSlice(opts) {
  const lines = rekey(todowrite, opts).split("\n");
  const i = lines.findIndex((l) => l.includes('"TodoWrite"'));
  return { body: lines.slice(0, i + 1).join("\n") + "\n", tasks: JSON.parse(lines[i]).message.content.find((p) => p.name === "TodoWrite").input.todos.length };
}

export const wholeSessions = [todowrite, taskTools];
