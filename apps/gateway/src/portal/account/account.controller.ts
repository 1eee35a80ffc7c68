import {
  Body,
  Controller,
  Get,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  DomainError,
  ErrorCode,
  GetCustomer,
  UpdateCustomerFromPortal,
  portalDetailsOf,
  portalSettingsOf,
  type PortalCustomerDetails,
} from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { customerTag } from '../../caching/cache-tags';
import { PortalErrorFilter } from '../portal-error.filter';
import { PortalFormTokens } from '../portal-form-tokens';
import { PortalFrame } from '../portal-frame';
import { PortalSessionGuard, type PortalRequest } from '../../portal-sessions/portal-session.guard';
import { PortalViews } from '../portal-views';
import { readAccountForm, type FieldError } from './account-form';
import { formInputs, summaryView, type AccountPageView } from './account-page-view';

/** The purpose a form token of this page is issued for. */
const FORM_PURPOSE = 'account.edit';

/**
 * "Your details": what the operator's billing knows of the customer, and, for the fields the
 * organization lets customers edit, a form that works without JavaScript. A post changes
 * something only with this page's form token and only in fields the page showed.
 */
@ApiExcludeController()
@UseGuards(PortalSessionGuard)
@UseFilters(PortalErrorFilter)
@Controller('customer-portal/:token/account')
export class AccountController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly views: PortalViews,
    private readonly frame: PortalFrame,
    private readonly formTokens: PortalFormTokens,
    private readonly caches: ReplicaCaches,
  ) {}

  @Get()
  async page(
    @Req() request: PortalRequest,
    @Query('saved') saved: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const details = await this.details(request);
    this.render(request, reply, details, { saved: saved === '1' });
  }

  @Post()
  async update(
    @Req() request: PortalRequest,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { organization, customer, claims } = request.portalSession;
    const editable = portalSettingsOf(organization).editable_customer_fields;
    const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    if (editable.length === 0) throw forbidden('editing is not offered here');
    this.formTokens.verify(request, FORM_PURPOSE, form.form_token);
    const result = readAccountForm(form, editable);
    if (result.kind === 'forbidden')
      throw forbidden('the form names details that cannot be edited');
    if (result.kind === 'invalid') {
      const details = await this.details(request);
      return this.render(request, reply, details, {
        posted: result.values,
        errors: result.errors,
        status: 422,
      });
    }
    await this.rpc.call(UpdateCustomerFromPortal, {
      organization_id: organization.id,
      external_customer_id: customer.external_id,
      changes: result.changes,
      edited_by: `portal:${claims.sessionId}`,
    });
    // The masthead shows the name: this gateway must not serve the old one meanwhile.
    this.caches.invalidate(customerTag(organization.id, customer.external_id));
    // Post/redirect/get: a reload does not post again.
    void reply.redirect(`${this.frame.basePath(request)}/account?saved=1`, 303);
  }

  private async details(request: PortalRequest): Promise<PortalCustomerDetails> {
    const { organization, customer } = request.portalSession;
    const { customer: view } = await this.rpc.call(GetCustomer, {
      organization_id: organization.id,
      external_id: customer.external_id,
    });
    return portalDetailsOf(view);
  }

  private render(
    request: PortalRequest,
    reply: FastifyReply,
    details: PortalCustomerDetails,
    state: {
      saved?: boolean;
      posted?: Record<string, string>;
      errors?: Record<string, FieldError>;
      status?: number;
    },
  ): void {
    const { organization, locale } = request.portalSession;
    const editable = portalSettingsOf(organization).editable_customer_fields;
    const frame = this.frame.open(request, reply, {
      titleKey: 'account.page_title',
      current: 'account',
    });
    const errors = state.errors ?? {};
    const view: AccountPageView = {
      ...frame,
      saved: state.saved ?? false,
      summary: summaryView(details, locale),
      form:
        editable.length === 0
          ? null
          : {
              action: `${frame.basePath}/account`,
              formToken: this.formTokens.issue(request, FORM_PURPOSE),
              ...formInputs(editable, details, locale, state.posted ?? null, errors),
              hasErrors: Object.keys(errors).length > 0,
            },
    };
    void reply.status(state.status ?? 200).send(this.views.page('account', view));
  }
}

function forbidden(reason: string): DomainError {
  return new DomainError(ErrorCode.Forbidden, `This change cannot be made: ${reason}.`);
}
