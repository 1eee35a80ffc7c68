import { Body, Controller, Delete, Get, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { externalIdSchema, isoDateTime } from '@portico/contracts';
import { z } from 'zod';
import { GatewayConfig } from '../../config/gateway.config';
import { ApiEndpoint, validBody, validParam } from '../../http/openapi/api-endpoint';
import { MAX_PORTAL_TOKEN_TTL_SECONDS, PortalTokens } from '../../portal-sessions/portal-tokens';
import { RequestId } from '../../http/requests/request-id';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';
import { PortalSessionSource } from '../../portal-sessions/portal-session-source';

const MIN_SESSION_SECONDS = 60;
const sessionBody = z
  .object({
    expires_in: z
      .number()
      .int()
      .min(MIN_SESSION_SECONDS)
      .max(MAX_PORTAL_TOKEN_TTL_SECONDS)
      .optional()
      .describe('Seconds until the URL expires; at most 43200 (12 hours), the default'),
  })
  .optional();
const portalUrlResponse = z.object({ customer: z.object({ portal_url: z.url() }) });
const sessionResponse = z.object({
  portal_session: z.object({ id: z.string(), url: z.url(), expires_at: isoDateTime }),
});
const revokeResponse = z.object({ portal_sessions: z.object({ revoked_at: isoDateTime }) });
const externalCustomerId = {
  schema: externalIdSchema.meta({
    description: "The customer's id in your system",
    examples: ['cus_42'],
  }),
  pipes: [validParam],
};
const portalUrl = 'https://portal.example.com/customer-portal/eyJhbGciOiJIUzI1NiJ9.eyJ…';

@ApiTags('portal')
@ApiBearerAuth('api-key')
@UseGuards(ApiKeyGuard)
@Controller('api/v1/customers/:external_customer_id')
export class PortalUrlsController {
  constructor(
    private readonly sessions: PortalSessionSource,
    private readonly tokens: PortalTokens,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  /** Exactly Lago's endpoint and shape, so a Lago SDK only needs another base URL. */
  @Get('portal_url')
  @ApiEndpoint({
    summary: 'A customer-portal URL, valid for 12 hours (Lago-compatible)',
    description:
      "Exactly Lago's `GET /customers/:external_customer_id/portal_url`: mint a fresh URL each " +
      "time your billing page opens and load it in an iframe; the page is in the customer's " +
      'document language.',
    response: {
      description: 'The URL to load in an iframe',
      schema: portalUrlResponse,
      example: { customer: { portal_url: portalUrl } },
    },
    errors: [404, 422],
  })
  async portalUrl(
    @OrganizationId() organizationId: string,
    @Param('external_customer_id', externalCustomerId) externalCustomerId: string,
  ): Promise<z.output<typeof portalUrlResponse>> {
    const { url } = await this.mint(
      organizationId,
      externalCustomerId,
      MAX_PORTAL_TOKEN_TTL_SECONDS,
    );
    return { customer: { portal_url: url } };
  }

  @Post('portal_sessions')
  @ApiEndpoint({
    summary: 'A customer-portal session with a chosen lifetime',
    description:
      'Like portal_url, with `expires_in` seconds of life (60 to 43200, the default) and the ' +
      "session's id and expiry. The body may be empty.",
    requestExample: { schema: sessionBody, value: { expires_in: 3600 } },
    response: {
      status: 201,
      description: 'The session and its URL',
      schema: sessionResponse,
      example: {
        portal_session: {
          id: 'ps_4k9Qw2',
          url: portalUrl,
          expires_at: '2026-03-01T10:30:00.000Z',
        },
      },
    },
    errors: [404, 422],
  })
  async createSession(
    @OrganizationId() organizationId: string,
    @Param('external_customer_id', externalCustomerId) externalCustomerId: string,
    @Body({ schema: sessionBody, pipes: [validBody] }) body: z.output<typeof sessionBody>,
  ): Promise<z.output<typeof sessionResponse>> {
    const ttl = body?.expires_in ?? MAX_PORTAL_TOKEN_TTL_SECONDS;
    const { url, sessionId, expiresAt } = await this.mint(organizationId, externalCustomerId, ttl);
    return { portal_session: { id: sessionId, url, expires_at: expiresAt.toISOString() } };
  }

  @Delete('portal_sessions')
  @ApiEndpoint({
    summary: 'Revoke every portal URL issued so far for this customer',
    description:
      'Every URL minted before this call stops working at once, on every gateway; URLs minted ' +
      'afterwards work.',
    response: {
      description: 'When the revocation took effect',
      schema: revokeResponse,
      example: { portal_sessions: { revoked_at: '2026-03-01T09:30:00.000Z' } },
    },
    errors: [404, 422],
  })
  async revokeSessions(
    @OrganizationId() organizationId: string,
    @Param('external_customer_id', externalCustomerId) externalCustomerId: string,
    @RequestId() correlationId: string,
  ): Promise<z.output<typeof revokeResponse>> {
    const { revoked_at } = await this.sessions.revokeAll(
      organizationId,
      externalCustomerId,
      correlationId,
    );
    return { portal_sessions: { revoked_at } };
  }

  private async mint(organizationId: string, externalCustomerId: string, ttlSeconds: number) {
    const basis = await this.sessions.basisFor(organizationId, externalCustomerId);
    const { token, sessionId, expiresAt } = this.tokens.issue({
      organizationId,
      customerId: basis.customerId,
      generation: basis.generation,
      expiresInSeconds: ttlSeconds,
    });
    return { url: `${this.config.publicUrl}/customer-portal/${token}`, sessionId, expiresAt };
  }
}
