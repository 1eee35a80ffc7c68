import { randomBytes } from 'node:crypto';

/** `cus_3q2Vd…`: a prefix that says what it is, then 128 random bits. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}
