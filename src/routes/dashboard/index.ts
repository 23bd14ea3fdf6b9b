// Every dashboard page, in one place: sign-in, the board, task pages, the graph, runs, emails, reports, shared links, live updates.

import { Hono } from "hono";
import type { AppEnv } from "../../http/context";
import { board } from "./board";
import { emailsPage } from "./emails";
import { graphPage } from "./graph";
import { trackHealth } from "./health-banner";
import { live } from "./live";
import { login } from "./login";
import { reportsPage } from "./reports";
import { runsPage } from "./runs";
import { sessionPage } from "./session";
import { sharedPages } from "./shared";
import { sharedLinkForms } from "./shared-links";
import { taskPage } from "./task";

export const dashboard = new Hono<AppEnv>()
  .use("*", trackHealth)
  .route("/", login)
  .route("/", board)
  .route("/", taskPage)
  .route("/", sessionPage)
  .route("/", graphPage)
  .route("/", runsPage)
  .route("/", emailsPage)
  .route("/", reportsPage)
  .route("/", sharedLinkForms)
  .route("/", sharedPages) // the link is the credential: no sign-in
  .route("/", live);
