import { Controller, Get, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, ErrorCode, externalIdSchema, type UsageSnapshot } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import { PortalErrorFilter } from '../portal-error.filter';
import { PortalFrame } from '../portal-frame';
import { PortalSessionGuard, type PortalRequest } from '../../portal-sessions/portal-session.guard';
import { PortalViews } from '../portal-views';
import { ZodValidationPipe } from '../../http/validation/zod-validation.pipe';
import { CustomerSubscriptions } from './customer-subscriptions';
import { LiveUsage, type CurrentUsage } from './live-usage';
import { planView, usageView } from './plans-views';
import { usageChart } from './usage-chart';

/** Periods in the chart: the current one and the five before it. */
export const CHART_PERIODS = 6;

/**
 * One subscription's usage: the amount so far, the charges, and the last periods' totals as a
 * chart drawn on the server. Scoped by the session: another customer's subscription, or one that
 * ended, is the same 404 as one that never existed.
 */
@ApiExcludeController()
@UseGuards(PortalSessionGuard)
@UseFilters(PortalErrorFilter)
@Controller('customer-portal/:token/subscriptions')
export class UsagePageController {
  constructor(
    private readonly subscriptions: CustomerSubscriptions,
    private readonly usage: LiveUsage,
    private readonly frame: PortalFrame,
    private readonly views: PortalViews,
  ) {}

  @Get(':subscription_id/usage')
  async page(
    @Req() request: PortalRequest,
    @Param('subscription_id', new ZodValidationPipe(externalIdSchema, 'subscription id'))
    subscriptionId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { organization, customer, locale } = request.portalSession;
    const subscription = (
      await this.subscriptions.active(organization.id, customer.external_id)
    ).find((s) => s.external_id === subscriptionId);
    if (!subscription) {
      throw new DomainError(ErrorCode.SubscriptionNotFound, 'no such subscription');
    }
    const reference = {
      organizationId: organization.id,
      externalCustomerId: customer.external_id,
      externalSubscriptionId: subscription.external_id,
    };
    const [current, history] = await Promise.all([
      this.usage
        .current(reference)
        .catch((): CurrentUsage => ({ state: 'unavailable', lagoFailed: false })),
      // The chart is a bonus: without the stored periods the page still shows the usage.
      this.usage.history(reference, CHART_PERIODS).catch((): UsageSnapshot[] => []),
    ]);
    const frame = this.frame.open(request, reply, {
      titleKey: 'plans.usage.page_title',
      current: null,
    });
    const currentFrom = current.state === 'unavailable' ? null : current.snapshot.from_datetime;
    const view = {
      ...frame,
      backHref: frame.basePath,
      plan: planView(subscription, null, locale, frame.basePath),
      usage: usageView(current, locale),
      chart: usageChart(
        withCurrent(history, current).slice(0, CHART_PERIODS),
        locale,
        frame.dir,
        currentFrom,
      ),
    };
    void reply.send(this.views.page('usage', view));
  }
}

/** The stored periods, newest first, with the current one as just read in place of its snapshot. */
function withCurrent(history: UsageSnapshot[], current: CurrentUsage): UsageSnapshot[] {
  if (current.state === 'unavailable') return history;
  const from = new Date(current.snapshot.from_datetime).getTime();
  return [
    current.snapshot,
    ...history.filter((period) => new Date(period.from_datetime).getTime() !== from),
  ].sort((a, b) => b.from_datetime.localeCompare(a.from_datetime));
}
