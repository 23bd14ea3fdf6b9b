// The mailer contract on the outbox mailer, with the real D1 store in workerd.

import { env } from "cloudflare:test";
import { D1Store } from "../../src/integrations/store-d1";
import { OutboxMailer } from "../../src/integrations/mailer-outbox";
import { mailerContract } from "./mailer-contract";

mailerContract("outbox", async () => {
  const store = new D1Store(env.DB);
  return { mailer: new OutboxMailer(store), store, delivered: async (to) => (await store.listEmails({ to }, 1000)).length };
});
