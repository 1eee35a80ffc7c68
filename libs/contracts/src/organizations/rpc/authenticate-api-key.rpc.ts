import { z } from 'zod';
import { defineRpc } from '../../kit/rpc-contract';

/** Only the key's SHA-256 travels over the broker, never the key. */
export const AuthenticateApiKey = defineRpc({
  name: 'customer-service.api-keys.authenticate.v1',
  service: 'customer-service',
  request: z.object({ key_sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  response: z.object({ organization_id: z.string() }),
});
