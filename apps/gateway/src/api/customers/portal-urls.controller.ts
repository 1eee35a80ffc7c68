import { Body, Controller, Delete, Get, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { externalIdSchema, isoDateTime } from '@portico/contracts';
import { z } from 'zod';
import { GatewayConfig } from '../../config/gateway.config';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '../../openapi/zod-openapi';
import { MAX_PORTAL_TOKEN_TTL_SECONDS, PortalTokens } from '../../portal/portal-tokens';
import { RequestId } from '../../requests/request-id';
import { ZodValidationPipe } from '../../validation/zod-validation.pipe';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { OrganizationId } from '../auth/organization-id.decorator';
import { PortalSessionSource } from './portal-session-source';

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
const externalCustomerId = new ZodValidationPipe(externalIdSchema, 'external_customer_id');

@ApiTags('portal')
@ApiBearerAuth('api-key')
@ApiErrors(401, 404, 503)
@ApiParam({ name: 'external_customer_id', description: "The customer's id in your system" })
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
  @ApiOperation({ summary: 'A customer-portal URL, valid for 12 hours (Lago-compatible)' })
  @ApiZodResponse(200, 'The URL to load in an iframe', portalUrlResponse)
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
  @ApiOperation({ summary: 'A customer-portal session with a chosen lifetime' })
  @ApiZodBody(sessionBody)
  @ApiZodResponse(201, 'The session and its URL', sessionResponse)
  @ApiErrors(422)
  async createSession(
    @OrganizationId() organizationId: string,
    @Param('external_customer_id', externalCustomerId) externalCustomerId: string,
    @Body(new ZodValidationPipe(sessionBody)) body: z.output<typeof sessionBody>,
  ): Promise<z.output<typeof sessionResponse>> {
    const ttl = body?.expires_in ?? MAX_PORTAL_TOKEN_TTL_SECONDS;
    const { url, sessionId, expiresAt } = await this.mint(organizationId, externalCustomerId, ttl);
    return { portal_session: { id: sessionId, url, expires_at: expiresAt.toISOString() } };
  }

  @Delete('portal_sessions')
  @ApiOperation({ summary: 'Revoke every portal URL issued so far for this customer' })
  @ApiZodResponse(200, 'When the revocation took effect', revokeResponse)
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
