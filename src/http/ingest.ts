// The body limit every ingress route applies (the ingress rule itself: src/app/ingress.ts).

import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 25 * 1024 * 1024;

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, "payload_too_large", `The body exceeds ${MAX_BODY_BYTES} bytes`);
  },
});
