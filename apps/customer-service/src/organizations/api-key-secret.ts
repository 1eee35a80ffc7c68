import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'ptk_';
const VISIBLE_CHARACTERS = 12;

/** A new API key: shown once to the operator; only its hash and a short prefix are stored. */
export function generateApiKey(): { key: string; sha256: string; prefix: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, sha256: sha256Hex(key), prefix: key.slice(0, VISIBLE_CHARACTERS) };
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
