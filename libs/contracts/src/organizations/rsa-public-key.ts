import { createPublicKey } from 'node:crypto';

/**
 * An RSA public key as a PEM, from either a PEM or what Lago's `GET /api/v1/webhooks/public_key`
 * answers (the PEM, base64-encoded). Undefined when it is neither.
 */
export function normalizeRsaPublicKey(value: string): string | undefined {
  const text = value.trim();
  const pem = text.startsWith('-----BEGIN') ? text : Buffer.from(text, 'base64').toString('utf8');
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa') return undefined;
    return key.export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    return undefined;
  }
}
