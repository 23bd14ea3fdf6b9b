// The OpenAPI router every REST route file builds on: invalid input becomes our 400 error shape.

import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../http/context";
import { ApiError } from "../../http/errors";

export const apiRouter = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ApiError(400, "invalid_request", "The request does not match the schema", result.error.issues);
    },
  });
