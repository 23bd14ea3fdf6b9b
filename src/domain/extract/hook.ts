// Claude Code HTTP hook payloads read into the same intents, with the same keys, as the transcript lines they echo.

import { idStr, isObj, str, type Obj } from "./lines";
import { placeTags } from "./metadata";
import { nextStepIntents, requestIntents } from "./prose";
import { createdTask, createIntent, failed, updateIntents } from "./task-tools";
import { TitleRules } from "./titles";
import { listIntent } from "./todowrite";
import type { IntentOrigin, TaskIntent } from "./types";

export interface HookOptions {
  /** When the hook arrived (ISO); payloads carry no timestamp, and due dates need one. */
  at?: string;
  /** The shared task list the session writes to (CLAUDE_CODE_TASK_LIST_ID; see taskListId). */
  taskList?: string | null;
}

/** The same title rules as a transcript's, so a hook and the line it echoes make the same task. */
export function extractHook(payload: unknown, options: HookOptions = {}): TaskIntent[] {
  return new TitleRules().apply(hookIntents(payload, options));
}

function hookIntents(payload: unknown, options: HookOptions): TaskIntent[] {
  if (!isObj(payload)) return [];
  const sessionId = str(payload.session_id);
  if (!sessionId) return [];
  const origin = hookOrigin(payload, sessionId, options);
  const tags = hookTags(payload);
  const list = options.taskList ?? null;
  switch (payload.hook_event_name) {
    case "UserPromptSubmit":
      return origin.chain === "main" ? requestIntents(str(payload.prompt) ?? "", origin, tags) : [];
    case "PostToolUse":
      return toolIntents(payload, origin, tags, list);
    case "Stop":
      return nextStepIntents(str(payload.last_assistant_message) ?? "", origin, tags);
    case "TaskCreated":
    case "TaskCompleted":
      return taskEventIntents(payload, origin, tags, list);
    default:
      return [];
  }
}

function hookOrigin(p: Obj, sessionId: string, options: HookOptions): IntentOrigin {
  return {
    sessionId,
    lineUuid: str(p.tool_use_id) ?? "",
    at: options.at ?? "",
    cwd: str(p.cwd),
    gitBranch: null,
    // Inside a subagent the payload names it, as sidechain lines do with agentId.
    chain: str(p.agent_id) ?? "main",
  };
}

function hookTags(p: Obj): string[] {
  const tags = placeTags(str(p.cwd), null);
  const agentId = str(p.agent_id);
  const agentType = str(p.agent_type);
  if (agentId) tags.push(`agent:${agentId}`);
  if (agentId && agentType) tags.push(`agent:${agentType}`);
  return tags;
}

/** Claude Code's own task events (2.1.300+) name the task, however it was made (a deferred tool included). */
function taskEventIntents(p: Obj, origin: IntentOrigin, tags: string[], list: string | null): TaskIntent[] {
  const id = idStr(p.task_id);
  if (!id) return [];
  if (p.hook_event_name === "TaskCompleted") return updateIntents({ taskId: id, status: "completed" }, origin, tags, list);
  const intent = createIntent(id, { subject: p.task_subject, description: p.task_description }, null, origin, tags, list);
  return intent ? [intent] : [];
}

function toolIntents(p: Obj, origin: IntentOrigin, tags: string[], list: string | null): TaskIntent[] {
  const input = isObj(p.tool_input) ? p.tool_input : {};
  const response = p.tool_response;
  const refused = failed({ isError: false }, response);
  switch (p.tool_name) {
    case "TodoWrite":
      return [listIntent(input, origin, tags)];
    case "TaskUpdate":
      return refused ? [] : updateIntents(input, origin, tags, list);
    case "TaskCreate": {
      const created = refused ? null : createdTask(response, typeof response === "string" ? response : "");
      const intent = created && createIntent(created.id, input, created.subject, origin, tags, list);
      return intent ? [intent] : [];
    }
    default:
      return [];
  }
}
