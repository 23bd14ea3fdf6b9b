// A stand-in for Resend's HTTP API (msw): keeps what was sent and honours Idempotency-Key as Resend documents it.

import { http, HttpResponse, type JsonBodyType } from "msw";

const API = "https://api.resend.com";
type Failure = { status: number; name: string; message: string; retryAfter?: string };
type Sent = { to: string; subject: string; idempotencyKey: string | null };

export function fakeResend() {
  const sent: Sent[] = [];
  const requests: { path: string; idempotencyKey: string | null; count: number }[] = [];
  const answers = new Map<string, { body: string; response: JsonBodyType }>();
  const failures: Failure[] = [];

  function accept(path: string, req: { headers: Headers }, body: string, emails: { to: string | string[]; subject: string }[]) {
    const key = req.headers.get("idempotency-key");
    requests.push({ path, idempotencyKey: key, count: emails.length });
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter ? { "retry-after": failure.retryAfter } : {};
      return HttpResponse.json({ statusCode: failure.status, name: failure.name, message: failure.message }, { status: failure.status, headers });
    }
    if (key && answers.has(key)) {
      const prior = answers.get(key)!;
      if (prior.body !== body) return HttpResponse.json({ statusCode: 409, name: "invalid_idempotent_request", message: "Same key, different payload" }, { status: 409 });
      return HttpResponse.json(prior.response);
    }
    const ids = emails.map((e) => {
      sent.push({ to: ([] as string[]).concat(e.to)[0], subject: e.subject, idempotencyKey: key });
      return { id: crypto.randomUUID() };
    });
    const response: JsonBodyType = path === "/emails" ? ids[0] : { data: ids };
    if (key) answers.set(key, { body, response });
    return HttpResponse.json(response);
  }

  const handlers = [
    http.post(`${API}/emails`, async ({ request }) => {
      const body = await request.text();
      return accept("/emails", request, body, [JSON.parse(body)]);
    }),
    http.post(`${API}/emails/batch`, async ({ request }) => {
      const body = await request.text();
      const emails = JSON.parse(body) as { to: string; subject: string }[];
      if (emails.length > 100) return HttpResponse.json({ statusCode: 422, name: "validation_error", message: "Too many emails" }, { status: 422 });
      return accept("/emails/batch", request, body, emails);
    }),
  ];

  return {
    handlers,
    sent,
    requests,
    /** The next request fails this way (queued: several calls queue several failures). */
    failNext(f: Failure) {
      failures.push(f);
    },
    delivered: (to: string) => sent.filter((s) => s.to === to).length,
  };
}
