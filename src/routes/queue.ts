// The Worker's queue() handler: batches of the ingress queue stored and started, and its dead letters recorded.

import { newDeliverySchema, type NewDelivery } from "../domain/deliveries";
import { recordDead, storeAndStart } from "../app/consume-deliveries";
import type { Services } from "../ports/services";

/** wrangler.toml names the dead-letter queue after the ingress queue with this suffix. */
const DEAD_LETTER_SUFFIX = "-dead";
/** What is kept of a message that is no delivery at all: enough to see what it was. */
const UNREADABLE_CHARS = 2_000;

export async function consumeQueue(batch: MessageBatch<unknown>, services: Services): Promise<void> {
  if (batch.queue.endsWith(DEAD_LETTER_SUFFIX)) return deadLetters(batch, services);
  return ingest(batch, services);
}

async function ingest(batch: MessageBatch<unknown>, s: Services): Promise<void> {
  const good: { message: Message<unknown>; delivery: NewDelivery }[] = [];
  for (const message of batch.messages) {
    const parsed = newDeliverySchema.safeParse(message.body);
    // A body that is no delivery never will be: retried alone, it ends on the dead-letter queue.
    if (parsed.success) good.push({ message, delivery: parsed.data });
    else message.retry();
  }
  try {
    await storeAndStart(s, good.map((g) => g.delivery));
    for (const g of good) g.message.ack();
    return;
  } catch (e) {
    console.error(`ingress batch of ${good.length} failed, trying each alone: ${(e as Error)?.message ?? e}`);
  }
  // One delivery the store or engine refuses must not hold up the rest: each goes alone, and only one that
  // fails again is retried (after max_retries it is dead-lettered). The whole batch failing retries it all.
  for (const g of good) {
    try {
      await storeAndStart(s, [g.delivery]);
      g.message.ack();
    } catch (e) {
      console.error(`ingress delivery ${g.delivery.id} failed (attempt ${g.message.attempts}): ${(e as Error)?.message ?? e}`);
      g.message.retry();
    }
  }
}

async function deadLetters(batch: MessageBatch<unknown>, s: Services): Promise<void> {
  const dead = batch.messages.map((m) => {
    const parsed = newDeliverySchema.safeParse(m.body);
    return parsed.success ? parsed.data : unreadable(m, parsed.error.issues[0]?.message ?? "invalid");
  });
  await recordDead(s, dead);
  batch.ackAll();
}

/** A message that is no delivery, kept under the queue's own id so the operator sees it on /runs. */
function unreadable(m: Message<unknown>, why: string): NewDelivery {
  let text: string;
  try {
    text = JSON.stringify(m.body) ?? String(m.body);
  } catch {
    text = String(m.body);
  }
  return {
    id: `queue:${m.id}`, source: "queue", event: "unreadable", payload: text.slice(0, UNREADABLE_CHARS), at: m.timestamp.toISOString(),
    status: "dead", error: `Dead-lettered: the message is not a delivery (${why})`.slice(0, 500),
  };
}
