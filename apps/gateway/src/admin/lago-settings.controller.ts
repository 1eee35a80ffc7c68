import { Body, Controller, Get, Inject, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  GetLagoSettings,
  UpdateLagoSettings,
  lagoSettingsInputSchema,
  lagoSettingsViewSchema,
  type LagoSettingsView,
} from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { z } from 'zod';
import { GatewayConfig } from '../config/gateway.config';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '../http/openapi/zod-openapi';
import { ZodValidationPipe } from '../http/validation/zod-validation.pipe';
import { organizationTag } from '../caching/cache-tags';
import { AdminTokenGuard } from './admin-token.guard';

const organizationId = new ZodValidationPipe(z.string().min(1).max(63), 'organization id');
const lagoResponse = z.object({
  lago: lagoSettingsViewSchema.extend({
    webhook_url: z.string().describe("Where to point Lago's webhook endpoint"),
  }),
});
type LagoResponse = z.output<typeof lagoResponse>;

/** The Lago webhook bridge of one organization: keys are write-only, the HMAC key never shown. */
@ApiTags('admin')
@ApiBearerAuth('admin-token')
@ApiErrors(401, 404, 503)
@UseGuards(AdminTokenGuard)
@Controller('admin/v1/organizations/:id/lago')
export class LagoSettingsController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly caches: ReplicaCaches,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The Lago webhook settings (whether the HMAC key is set, never the key)',
  })
  @ApiParam({ name: 'id' })
  @ApiZodResponse(200, 'The settings and the webhook URL to give Lago', lagoResponse)
  async get(@Param('id', organizationId) id: string): Promise<LagoResponse> {
    const { lago } = await this.rpc.call(GetLagoSettings, { organization_id: id });
    return this.withUrl(id, lago);
  }

  @Put()
  @ApiOperation({
    summary: "Set the HMAC key, Lago's RSA public key or Lago's API URL; null clears one",
  })
  @ApiParam({ name: 'id' })
  @ApiZodBody(lagoSettingsInputSchema)
  @ApiZodResponse(200, 'The settings as updated', lagoResponse)
  @ApiErrors(422)
  async update(
    @Param('id', organizationId) id: string,
    @Body(new ZodValidationPipe(lagoSettingsInputSchema))
    changes: z.output<typeof lagoSettingsInputSchema>,
  ): Promise<LagoResponse> {
    const { lago } = await this.rpc.call(UpdateLagoSettings, { organization_id: id, changes });
    // Other gateways forget on the change event; this one must not verify with old keys meanwhile.
    this.caches.invalidate(organizationTag(id));
    return this.withUrl(id, lago);
  }

  private withUrl(id: string, lago: LagoSettingsView): LagoResponse {
    return {
      lago: { ...lago, webhook_url: `${this.config.publicUrl}/webhooks/lago/${id}` },
    };
  }
}
