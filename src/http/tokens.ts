// Bearer tokens: generated with enough entropy, stored as SHA-256 hashes (compared with domain/constant-time.ts).

const encoder = new TextEncoder();

export async function sha256Hex(text: string | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", typeof text === "string" ? encoder.encode(text) : text);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function generateToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `th_${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
