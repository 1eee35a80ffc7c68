import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

/**
 * Lago's side of a webhook delivery, for tests and benchmarks: the headers Lago signs a body
 * with, both algorithms (the bodies themselves are built in fixtures/lago-*.ts).
 */
export class LagoSender {
  readonly hmacKey = createHmac('sha256', randomUUID()).digest('base64url');
  readonly apiUrl = 'https://lago.billing.example.test';
  private readonly keys: { publicKey: KeyObject; privateKey: KeyObject } = generateKeyPairSync(
    'rsa',
    { modulusLength: 2048 },
  );

  /** What Lago's `GET /api/v1/webhooks/public_key` answers: the PEM, base64-encoded. */
  get publicKeyBase64(): string {
    return Buffer.from(this.publicKeyPem).toString('base64');
  }

  get publicKeyPem(): string {
    return this.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  hmacSignature(body: string, key = this.hmacKey): string {
    return createHmac('sha256', key).update(body).digest('base64');
  }

  /** RS256 JWT `{data: <body>, iss: <Lago API URL>}`, as Lago signs it. */
  jwtSignature(body: string, options: { issuer?: string; privateKey?: KeyObject } = {}): string {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signingInput = `${encode({ alg: 'RS256' })}.${encode({ data: body, iss: options.issuer ?? this.apiUrl })}`;
    const signature = sign(
      'RSA-SHA256',
      Buffer.from(signingInput),
      options.privateKey ?? this.keys.privateKey,
    );
    return `${signingInput}.${signature.toString('base64url')}`;
  }

  headers(
    body: string,
    algorithm: 'hmac' | 'jwt' = 'hmac',
    uniqueKey: string = randomUUID(),
  ): Record<string, string> {
    return {
      'content-type': 'application/json',
      'x-lago-signature': algorithm === 'hmac' ? this.hmacSignature(body) : this.jwtSignature(body),
      'x-lago-signature-algorithm': algorithm,
      'x-lago-unique-key': uniqueKey,
    };
  }
}
