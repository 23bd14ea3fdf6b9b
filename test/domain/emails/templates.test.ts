// Email templates: every kind in HTML and text, untrusted text escaped and capped, the unsubscribe link in both.
import { describe, expect, it } from "vitest";
import { digestEmail } from "../../../src/emails/digest";
import type { EmailContext, TaskRef } from "../../../src/emails/render";
import { deadlineEmail, escalationEmail, nudgeEmail, overdueEmail, unblockedEmail } from "../../../src/emails/task-alerts";

const ctx: EmailContext = { hubUrl: "https://hub.example", recipientName: "Ada <Lovelace>", unsubscribeUrl: "https://hub.example/unsubscribe?u=u1&k=deadline&s=sig" };
const hostile: TaskRef = { key: "HUB-7", projectKey: "HUB", title: `<script>alert("x")</script> & <img src=x onerror=1>`, dueAt: "2026-03-10T12:00:00.000Z" };
const plain: TaskRef = { key: "HUB-3", projectKey: "HUB", title: "Write the migration", dueAt: null };

const rendered = {
  deadline: deadlineEmail(ctx, hostile),
  overdue: overdueEmail(ctx, hostile),
  unblocked: unblockedEmail(ctx, plain, hostile),
  nudge: nudgeEmail(ctx, hostile, [plain]),
  escalation: escalationEmail(ctx, hostile, [plain]),
  digest: digestEmail(ctx, { period: "daily", localDate: "2026-03-10", completed: [plain], inProgress: [], dueSoon: [hostile], overdue: [], blocked: [plain], unblocked: [] }),
};

describe("email templates", () => {
  for (const [kind, r] of Object.entries(rendered)) {
    it(`renders ${kind} as HTML and text`, () => {
      expect(r).toMatchSnapshot();
    });

    it(`escapes untrusted text in the ${kind} HTML`, () => {
      expect(r.html).not.toMatch(/<script|<img|onerror=1>/);
      expect(r.html).toContain("Ada &lt;Lovelace&gt;");
    });

    it(`carries the unsubscribe link in the ${kind} HTML and text`, () => {
      expect(r.text).toContain(ctx.unsubscribeUrl);
      expect(r.html).toContain(ctx.unsubscribeUrl!.replace(/&/g, "&amp;"));
    });
  }

  it("caps a very long title in the subject and body", () => {
    const r = deadlineEmail(ctx, { ...plain, title: "x".repeat(5000) });
    expect(r.subject.length).toBeLessThanOrEqual(150);
    expect(r.text.length).toBeLessThan(1500);
  });

  it("keeps a subject on one line whatever the title holds", () => {
    expect(overdueEmail(ctx, { ...plain, title: "a\r\nBcc: evil@example.com" }).subject).not.toMatch(/[\r\n]/);
  });

  it("keeps the layout within a narrow client's width", () => {
    expect(rendered.digest.html).toContain("max-width:560px");
    expect(rendered.digest.html).toContain('name="viewport"');
  });
});
