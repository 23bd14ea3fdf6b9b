// A card on the board: the task, its badges, links, latest activity, its subtasks' progress and its status form.

import { TASK_STATUSES, isDone, type Task } from "../../domain/tasks";
import type { Activity, Link } from "../../ports/store";
import { ExternalLink } from "./external-link";

/** A status or an action as people read it: "in progress". */
export const label = (s: string) => s.replace("_", " ");

/**
 * The status move without JavaScript (select and button); with it, board-script.ts posts the same form in the background.
 * `back`: the page to return to, filters and all (the hub's no-referrer policy leaves the Referer out).
 */
export function StatusForm(props: { task: Task; csrf: string; back?: string }) {
  return (
    <form class="status" method="post" action={`/tasks/${props.task.key}/status`}>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.back ? <input type="hidden" name="back" value={props.back} /> : null}
      <select name="status" aria-label={`status of ${props.task.key}`} data-autosubmit>
        {TASK_STATUSES.map((s) => (
          <option value={s} selected={s === props.task.status}>
            {label(s)}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit">move</button>
      </noscript>
    </form>
  );
}

/** A parent's subtasks wherever their status puts them, closed by default: the summary line is the progress. */
function Subtasks(props: { kids: Task[] }) {
  const done = props.kids.filter((k) => isDone(k.status)).length;
  return (
    <details class="subs">
      <summary>
        {done}/{props.kids.length} subtasks done
      </summary>
      <ul>
        {props.kids.map((k) => (
          <li>
            <a href={`/tasks/${k.key}`}>{k.key}</a> {k.title} <span class="badge">{label(k.status)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

export interface CardProps {
  task: Task;
  depth: number;
  parentKey: string | null;
  kids: Task[];
  links: Link[];
  last: Activity | null;
  blocked: boolean;
  now: string;
  csrf: string;
  back: string;
}

/** tabindex -1: j/k focus a card without adding every card to the Tab order; draggable for board-script.ts. */
export function Card(props: CardProps) {
  const t = props.task;
  const overdue = t.dueAt && t.dueAt < props.now && !isDone(t.status);
  return (
    <article
      class={`card p-${t.priority}${props.depth ? " subtask" : ""}`}
      data-key={t.key}
      data-status={t.status}
      tabindex={-1}
      draggable="true"
      aria-labelledby={`k-${t.key} t-${t.key}`}
      style={props.depth ? `margin-left:${Math.min(props.depth, 3)}em` : undefined}
    >
      {props.parentKey ? (
        <a class="parent meta" href={`/tasks/${props.parentKey}`} aria-label={`subtask of ${props.parentKey}`}>
          ↳ {props.parentKey}{" "}
        </a>
      ) : null}
      <a class="key" id={`k-${t.key}`} href={`/tasks/${t.key}`}>
        {t.key}
      </a>
      <span class="title" id={`t-${t.key}`}>
        {t.title}
      </span>
      <div class="meta">
        {props.blocked ? <span class="badge blocked">blocked</span> : null}
        <span class="badge">{t.priority}</span>
        {t.assigneeId ? <span class="badge">@{t.assigneeId.slice(0, 12)}</span> : null}
        {t.tags.map((tag) => (
          <span class="badge">#{tag}</span>
        ))}
        {t.dueAt ? <span class={overdue ? "overdue" : ""}>due {t.dueAt.slice(0, 10)}</span> : null}
      </div>
      {props.kids.length ? <Subtasks kids={props.kids} /> : null}
      {props.links.length ? (
        <div class="meta">
          {props.links.slice(-3).map((l) => (
            <ExternalLink url={l.url}>
              {l.kind === "commit" ? l.ref.slice(0, 7) : l.ref}{" "}
            </ExternalLink>
          ))}
        </div>
      ) : null}
      {props.last ? (
        <div class="meta">
          {label(props.last.action)} by {props.last.actor} · {props.last.at.slice(5, 16).replace("T", " ")}
        </div>
      ) : null}
      <StatusForm task={t} csrf={props.csrf} back={props.back} />
    </article>
  );
}
