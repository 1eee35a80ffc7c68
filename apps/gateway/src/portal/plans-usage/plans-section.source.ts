import { Injectable } from '@nestjs/common';
import type { PortalSection, PortalSectionContext, PortalSectionSource } from '../portal-sections';
import { CustomerSubscriptions } from './customer-subscriptions';
import { LiveUsage } from './live-usage';
import { planView } from './plans-views';

/** After the credits (Lago's order: credits, then plans and usage, then invoices). */
export const PLANS_SECTION_ORDER = 20;

/**
 * The first page's Plans: each active subscription with its price, renewal date and, when it
 * is known, the usage so far (from the same short-lived cache as the usage page). Left out when
 * the customer has no active subscription.
 */
@Injectable()
export class PlansSectionSource implements PortalSectionSource {
  readonly name = 'plans';

  constructor(
    private readonly subscriptions: CustomerSubscriptions,
    private readonly usage: LiveUsage,
  ) {}

  async load({ session, locale, basePath }: PortalSectionContext): Promise<PortalSection | null> {
    const organizationId = session.organization.id;
    const externalCustomerId = session.customer.external_id;
    const subscriptions = await this.subscriptions.active(organizationId, externalCustomerId);
    if (subscriptions.length === 0) return null;
    const usages = await Promise.all(
      subscriptions.map((subscription) =>
        // Usage is a bonus here: without it the plans still show, with a link to try again.
        this.usage
          .current({
            organizationId,
            externalCustomerId,
            externalSubscriptionId: subscription.external_id,
          })
          .catch(() => null),
      ),
    );
    return {
      partial: 'plans',
      placement: 'before-invoices',
      order: PLANS_SECTION_ORDER,
      view: {
        plans: subscriptions.map((subscription, index) =>
          planView(subscription, usages[index] ?? null, locale, basePath),
        ),
      },
    };
  }
}
