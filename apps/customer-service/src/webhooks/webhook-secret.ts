import { randomBytes } from 'node:crypto';

/** `whsec_` + base64 of 32 random bytes: the Standard Webhooks secret format. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Enough of a secret to tell two apart in the admin API, far too little to guess it. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, 10)}…`;
}
