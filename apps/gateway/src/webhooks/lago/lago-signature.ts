import { DomainError, ErrorCode, type LagoWebhookKeys } from '@portico/contracts';
import { createHmac, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

export const LAGO_SIGNATURE_ALGORITHMS = ['hmac', 'jwt'] as const;

export interface LagoSignatureHeaders {
  signature: string;
  algorithm: string;
}

/**
 * Checks a delivery against the organization's keys, on the raw bytes and before anything parses
 * them. `hmac`: base64 HMAC-SHA256 of the body with the organization's HMAC key. `jwt`: an RS256
 * JWT from Lago whose `data` is the body and whose `iss` is Lago's API URL. Throws a 401 otherwise.
 */
export function verifyLagoSignature(
  body: Buffer,
  headers: LagoSignatureHeaders,
  keys: LagoWebhookKeys,
): void {
  switch (headers.algorithm) {
    case 'hmac':
      if (!keys.hmac_key) throw invalid('no HMAC key is configured for this organization');
      return verifyHmac(body, headers.signature, keys.hmac_key);
    case 'jwt':
      if (!keys.rsa_public_key) {
        throw invalid('no Lago RSA public key is configured for this organization');
      }
      return verifyJwt(body, headers.signature, publicKey(keys.rsa_public_key), keys.api_url);
    default:
      throw invalid('X-Lago-Signature-Algorithm must be "hmac" or "jwt"');
  }
}

function verifyHmac(body: Buffer, signature: string, key: string): void {
  const expected = createHmac('sha256', key).update(body).digest();
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw invalid('the HMAC signature does not match the body');
  }
}

function verifyJwt(body: Buffer, token: string, key: KeyObject, issuer: string): void {
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid('the signature is not a JWT');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  // Only RS256: never "none", and never an HMAC keyed with the public key.
  if (header?.alg !== 'RS256') throw invalid('the JWT must be signed with RS256');
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    key,
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!signed) throw invalid('the JWT signature does not verify with the configured public key');
  const claims = decodeJson(payloadPart);
  if (!claims) throw invalid('the JWT payload is not JSON');
  if (stripSlash(String(claims.iss)) !== stripSlash(issuer)) {
    throw invalid(`the JWT issuer is not ${issuer}`);
  }
  const now = Date.now() / 1000;
  if (typeof claims.exp === 'number' && claims.exp < now) throw invalid('the JWT has expired');
  if (typeof claims.nbf === 'number' && claims.nbf > now + 60)
    throw invalid('the JWT is not valid yet');
  if (typeof claims.data !== 'string' || !Buffer.from(claims.data, 'utf8').equals(body)) {
    throw invalid('the JWT was signed for another body');
  }
}

const keyCache = new Map<string, KeyObject>();

function publicKey(pem: string): KeyObject {
  let key = keyCache.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    if (keyCache.size > 1_000) keyCache.clear();
    keyCache.set(pem, key);
  }
  return key;
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const stripSlash = (url: string) => url.replace(/\/+$/, '');

function invalid(message: string): DomainError {
  return new DomainError(ErrorCode.WebhookSignatureInvalid, message);
}

/** The three headers Lago sends with every delivery; a 401 naming the first one missing. */
export function lagoDeliveryHeaders(
  headers: Record<string, string | string[] | undefined>,
): LagoSignatureHeaders & { uniqueKey: string } {
  const read = (name: string) => {
    const value = headers[name.toLowerCase()];
    const single = Array.isArray(value) ? value[0] : value;
    if (!single) throw invalid(`missing ${name} header`);
    return single.trim();
  };
  const signature = read('X-Lago-Signature');
  const algorithm = read('X-Lago-Signature-Algorithm');
  const uniqueKey = read('X-Lago-Unique-Key');
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(uniqueKey)) {
    throw invalid('X-Lago-Unique-Key must be 1-100 letters, digits, "_" or "-"');
  }
  return { signature, algorithm, uniqueKey };
}
