import { z } from 'zod';
import { AllowList } from './allow-list';

/**
 * Environment of an app that makes outbound requests. `OUTBOUND_ALLOWED_HOSTS`: comma-separated
 * host names, addresses or CIDR ranges that may be reached although they are internal (empty by
 * default: only public addresses are reached).
 */
export const outboundEnv = {
  OUTBOUND_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      try {
        return AllowList.parse(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
};
