// Every REST router, in one list: app.ts mounts them and /openapi.json documents them from the same schemas.

import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../http/context";
import { auth } from "./auth";
import { claudeList } from "./claude-list";
import { contextRoute } from "./context";
import { dependencies } from "./dependencies";
import { emails } from "./emails";
import { exportImport } from "./export";
import { members } from "./members";
import { projects } from "./projects";
import { runsApi } from "./runs";
import { sharedLinksApi } from "./shared-links";
import { taskRecords } from "./task-records";
import { tasks } from "./tasks";
import { tokens } from "./tokens";
import { trackers } from "./trackers";
import { users } from "./users";

export const apiRouters: OpenAPIHono<AppEnv>[] = [auth, projects, tasks, taskRecords, tokens, contextRoute, claudeList, exportImport, trackers, users, members, dependencies, emails, sharedLinksApi, runsApi] as unknown as OpenAPIHono<AppEnv>[];
