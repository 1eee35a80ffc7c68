import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ListActivity } from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ConsoleSessionGuard } from '../auth/console-session.guard';
import { sessionOf, type ConsoleRequest } from '../auth/console-request';
import { ConsoleErrorFilter } from '../errors/console-error.filter';
import { ConsolePages } from '../rendering/console-pages';
import { uiLanguage } from '../rendering/ui-language';

const PAGE_SIZE = 50;
const query = z.object({
  customer: z.string().trim().max(255).catch('').optional(),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** Every change made in the console, newest first, optionally for one customer. */
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('activity')
export class ActivityController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly pages: ConsolePages,
  ) {}

  @Get()
  async list(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Query() rawQuery: unknown,
  ): Promise<void> {
    const { customer, page } = query.parse(rawQuery ?? {});
    const lang = uiLanguage(request);
    const { activity, meta } = await this.rpc.call(ListActivity, {
      organization_id: sessionOf(request).operator.organization_id,
      external_customer_id: customer || undefined,
      page,
      per_page: PAGE_SIZE,
    });
    const href = (p: number) =>
      `/activity?${new URLSearchParams({ ...(customer && { customer }), page: String(p) })}`;
    this.pages.send(request, reply, 'activity', {
      nav: 'activity',
      customer: customer ?? '',
      rows: activity.map((entry) => ({
        ...entry,
        actionLabel: `console.activity.actions.${entry.action.replace('.', '_')}`,
        at: new Date(entry.at).toLocaleString(lang, {
          timeZone: 'UTC',
          dateStyle: 'medium',
          timeStyle: 'medium',
        }),
        customerHref: entry.external_customer_id
          ? `/customers/${encodeURIComponent(entry.external_customer_id)}`
          : null,
      })),
      prevHref: meta.prev_page ? href(meta.prev_page) : null,
      nextHref: meta.next_page ? href(meta.next_page) : null,
    });
  }
}
