// GitHub's X-Hub-Signature-256 check with the HMAC key imported once per secret, not on every delivery.

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"])));
  return key;
}

function hexBytes(hex: string): Uint8Array | null {
  if (hex.length !== 64 || !/^[0-9a-f]+$/i.test(hex)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * True when `signature` ("sha256=<hex>") signs the body under any of the secrets; subtle.verify compares in constant
 * time. The body as it came, in bytes: what GitHub signed, and no copy made to check it.
 */
export async function verifyGitHubSignature(secrets: string[], body: string | Uint8Array, signature: string): Promise<boolean> {
  const mac = hexBytes(signature.slice("sha256=".length));
  if (!mac) return false;
  const data = typeof body === "string" ? encoder.encode(body) : body;
  for (const secret of secrets) if (await crypto.subtle.verify("HMAC", await keyFor(secret), mac, data)) return true;
  return false;
}
