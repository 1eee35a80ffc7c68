import { Webhook } from 'standardwebhooks';

/** The three Standard Webhooks headers of one attempt. */
export type SignedHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/**
 * Signs with the maintained `standardwebhooks` implementation. During a rotation overlap every
 * live secret signs, and the header carries their signatures space-separated, newest first: a
 * receiver holding either secret verifies (the specification's rule for rotation).
 */
export function signDelivery(
  secrets: readonly string[],
  webhookId: string,
  at: Date,
  body: string,
): SignedHeaders {
  if (secrets.length === 0) throw new Error('no secret to sign with');
  const signatures = secrets.map((secret) => new Webhook(secret).sign(webhookId, at, body));
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
