// A made-up session in the shape Claude Code 1.0.x wrote (no fixture has TodoWrite inside a subagent run):
// the main chain plans, launches a subagent whose sidechain lines carry no agentId, and the subagent keeps its
// own TodoWrite list across many lines, so any four-way split lands inside its run.

const SESSION = "99999999-0000-4000-8000-000000000000";
const CWD = "/path/to/Synthetic";

let n = 0;
let clock = Date.parse("2025-08-20T09:00:00.000Z");

interface Line {
  uuid: string;
  [k: string]: unknown;
}

function line(type: "user" | "assistant", parent: string | null, sidechain: boolean, content: unknown, extra: Record<string, unknown> = {}): Line {
  clock += 7_000;
  return {
    parentUuid: parent,
    isSidechain: sidechain,
    userType: "external",
    cwd: CWD,
    sessionId: SESSION,
    version: "1.0.108",
    gitBranch: "main",
    type,
    message: { role: type, content },
    uuid: `00000000-0000-4000-9000-${String(++n).padStart(12, "0")}`,
    timestamp: new Date(clock).toISOString(),
    ...extra,
  };
}

const todo = (content: string, status: string) => ({ content, status, activeForm: content });
const use = (id: string, name: string, input: unknown) => [{ type: "tool_use", id, name, input }];
const result = (id: string, text: string) => [{ type: "tool_result", tool_use_id: id, content: text }];

export function preTwoOneSubagents(): string {
  n = 0;
  clock = Date.parse("2025-08-20T09:00:00.000Z");
  const out: Line[] = [];
  const push = (l: Line) => (out.push(l), l.uuid);
  let main = push(line("user", null, false, "Add a JSON parser to the config loader and cover it with tests"));
  main = push(line("assistant", main, false, use("toolu_m1", "TodoWrite", { todos: [todo("Research the config format", "in_progress"), todo("Implement the JSON parser", "pending"), todo("Document the loader", "pending")] })));
  main = push(line("user", main, false, result("toolu_m1", "Todos have been modified successfully."), { toolUseResult: { newTodos: [] } }));
  const prompt = "Study the existing parser code and write tests for it";
  main = push(line("assistant", main, false, use("toolu_task1", "Task", { description: "Research the config format", prompt, subagent_type: "general-purpose" })));

  let side = push(line("user", null, true, prompt));
  side = push(line("assistant", side, true, use("toolu_s1", "TodoWrite", { todos: [todo("Read the parser", "in_progress"), todo("Write the parser tests", "pending")] })));
  side = push(line("user", side, true, result("toolu_s1", "Todos have been modified successfully.")));
  for (let i = 0; i < 6; i++) {
    side = push(line("assistant", side, true, use(`toolu_r${i}`, "Read", { file_path: `/path/to/Synthetic/src/parser${i}.ts` })));
    side = push(line("user", side, true, result(`toolu_r${i}`, `export const part${i} = ${i};`)));
  }
  side = push(line("assistant", side, true, use("toolu_s2", "TodoWrite", { todos: [todo("Read the parser", "completed"), todo("Write the parser tests", "in_progress"), todo("Run the parser tests", "pending")] })));
  side = push(line("user", side, true, result("toolu_s2", "Todos have been modified successfully.")));
  for (let i = 0; i < 6; i++) {
    side = push(line("assistant", side, true, use(`toolu_w${i}`, "Write", { file_path: `/path/to/Synthetic/test/parser${i}.test.ts`, content: "it()" })));
    side = push(line("user", side, true, result(`toolu_w${i}`, "File written")));
  }
  side = push(line("assistant", side, true, use("toolu_s3", "TodoWrite", { todos: [todo("Read the parser", "completed"), todo("Write the parser tests", "completed"), todo("Run the parser tests", "completed")] })));
  side = push(line("user", side, true, result("toolu_s3", "Todos have been modified successfully.")));
  push(line("assistant", side, true, [{ type: "text", text: "The parser is read and its tests are written and passing." }]));

  main = push(line("user", main, false, result("toolu_task1", "The parser is read and its tests are written and passing.")));
  main = push(line("assistant", main, false, use("toolu_m2", "TodoWrite", { todos: [todo("Research the config format", "completed"), todo("Implement the JSON parser", "in_progress"), todo("Document the loader", "pending")] })));
  main = push(line("user", main, false, result("toolu_m2", "Todos have been modified successfully.")));
  for (let i = 0; i < 4; i++) {
    main = push(line("assistant", main, false, use(`toolu_e${i}`, "Edit", { file_path: `/path/to/Synthetic/src/load${i}.ts`, old_string: "a", new_string: "b" })));
    main = push(line("user", main, false, result(`toolu_e${i}`, "Edited")));
  }
  main = push(line("assistant", main, false, use("toolu_m3", "TodoWrite", { todos: [todo("Research the config format", "completed"), todo("Implement the JSON parser", "completed"), todo("Document the loader", "in_progress")] })));
  push(line("user", main, false, result("toolu_m3", "Todos have been modified successfully.")));
  return out.map((l) => JSON.stringify(l)).join("\n") + "\n";
}
