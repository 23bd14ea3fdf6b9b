// The crons of wrangler.toml, fired every minute through /__scheduled (workerd does not fire them locally).

import { readFileSync } from "node:fs";
import { parse } from "smol-toml";

const TICK_MS = 60_000;

/** `[triggers] crons` of the wrangler config; none when it declares none. */
export function readCrons(configPath) {
  const config = parse(readFileSync(configPath, "utf8"));
  const crons = config.triggers?.crons ?? [];
  if (!Array.isArray(crons) || !crons.every((c) => typeof c === "string")) throw new Error(`${configPath}: [triggers] crons must be a list of strings`);
  return crons;
}

/** Fires every cron now and then every minute; returns the stop function. A tick that fails is logged and the next one catches up. */
export function startTicker(base, crons) {
  const tick = async () => {
    for (const cron of crons) {
      try {
        const res = await fetch(`${base}/__scheduled?cron=${encodeURIComponent(cron)}`);
        if (!res.ok) console.error(`taskhub: cron "${cron}" tick answered ${res.status}; the next tick catches up`);
      } catch (e) {
        console.error(`taskhub: cron "${cron}" tick failed (${e?.cause?.code ?? e?.message ?? e}); the next tick catches up`);
      }
    }
  };
  tick();
  const timer = setInterval(tick, TICK_MS);
  return () => clearInterval(timer);
}
