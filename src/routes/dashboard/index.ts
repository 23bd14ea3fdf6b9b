// Every dashboard page, in one place: sign-in, the board, task pages, the graph, runs, emails, reports, live updates.

import { Hono } from "hono";
import type { AppEnv } from "../../http/context";
import { board } from "./board";
import { login } from "./login";

export const dashboard = new Hono<AppEnv>().route("/", login).route("/", board);
