import { defineEvent } from '@portico/contracts';
import { z } from 'zod';

/** The event of the crash test's consumer process. */
export const Tallied = defineEvent('tally.added', z.object({ n: z.number().int() }));
