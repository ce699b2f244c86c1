import { argon2, createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** OWASP's argon2id minimum (m=19 MiB, t=2, p=1); the parameters live in the stored string, so they can rise. */
const defaults = { memory: 19456, passes: 2, parallelism: 1, tagLength: 32 };

function derive(
  password: string,
  salt: Buffer,
  p: { memory: number; passes: number; parallelism: number; tagLength: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2("argon2id", { message: password, nonce: salt, ...p }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** A PHC string: `$argon2id$v=19$m=19456,t=2,p=1$SALT$HASH` (base64 without padding). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, defaults);
  const b64 = (b: Buffer) => b.toString("base64").replace(/=+$/, "");
  return `$argon2id$v=19$m=${defaults.memory},t=${defaults.passes},p=${defaults.parallelism}$${b64(salt)}$${b64(key)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  if (!m) return false;
  const expected = Buffer.from(m[5] ?? "", "base64");
  const key = await derive(password, Buffer.from(m[4] ?? "", "base64"), {
    memory: Number(m[1]),
    passes: Number(m[2]),
    parallelism: Number(m[3]),
    tagLength: expected.length,
  });
  return timingSafeEqual(key, expected);
}

/** A hash that is computed when the account does not exist, so timing does not reveal which emails exist. */
let dummyHash: string | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= await hashPassword("opsdeck-timing-equaliser");
  await verifyPassword(password, dummyHash);
}

/**
 * Session ids, API tokens and setup tokens are 256 random bits, so a fast hash is enough to make a stolen
 * database useless for signing in; argon2 is for low-entropy passwords only.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Passwords shorter than this are refused: NIST SP 800-63B asks for at least 8; we ask for 12. */
export const minimumPasswordLength = 12;
