import { z } from 'zod';
import { isoDateTime } from '../kit/common-schemas';
import { normalizeRsaPublicKey } from './rsa-public-key';

/** Lago Cloud's API: the issuer of its webhook JWTs. A self-hosted Lago signs with its LAGO_API_URL. */
export const LAGO_CLOUD_API_URL = 'https://api.getlago.com';

const rsaPublicKey = z
  .string()
  .max(20_000)
  .transform((value, ctx) => {
    const pem = normalizeRsaPublicKey(value);
    if (!pem) {
      ctx.addIssue({
        code: 'custom',
        message: "must be an RSA public key: a PEM, or Lago's base64-encoded one",
      });
      return z.NEVER;
    }
    return pem;
  });

/**
 * What an operator sets for the Lago bridge (admin API). Omitted fields keep their value, null
 * clears one. The HMAC key and the API key are secrets: stored, never shown again. With an API
 * key Portico also calls the organization's Lago (write-back, payment URLs, usage, top-ups).
 */
export const lagoSettingsInputSchema = z.object({
  hmac_key: z.string().trim().min(8).max(500).nullable().optional(),
  api_key: z.string().trim().min(8).max(500).nullable().optional(),
  rsa_public_key: rsaPublicKey.nullable().optional(),
  api_url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(2_000)
    .transform((v) => v.replace(/\/+$/, ''))
    .nullable()
    .optional(),
});
export type LagoSettingsInput = z.output<typeof lagoSettingsInputSchema>;

/** The settings as the admin API shows them: whether a secret is set, never the secret. */
export const lagoSettingsViewSchema = z.object({
  hmac_key_set: z.boolean(),
  api_key_set: z.boolean(),
  rsa_public_key: z.string().nullable(),
  /** The JWT issuer the bridge expects, and the base of Lago's API (`{api_url}/api/v1`). */
  api_url: z.string(),
  updated_at: isoDateTime.nullable(),
});
export type LagoSettingsView = z.output<typeof lagoSettingsViewSchema>;

/** What the gateway needs to verify a delivery; it travels only between gateway and service. */
export const lagoWebhookKeysSchema = z.object({
  hmac_key: z.string().nullable(),
  rsa_public_key: z.string().nullable(),
  api_url: z.string(),
});
export type LagoWebhookKeys = z.output<typeof lagoWebhookKeysSchema>;

/** How a service reaches an organization's Lago API; only services ask for it, never the edge. */
export const lagoApiAccessSchema = z.object({
  api_url: z.string(),
  api_key: z.string(),
});
export type LagoApiAccess = z.output<typeof lagoApiAccessSchema>;
