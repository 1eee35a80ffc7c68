import { Body, Controller, Get, Param, Patch, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  DEFAULT_PORTAL_SETTINGS,
  GetOrganization,
  UpdateOrganization,
  portalSettingsInputSchema,
  portalSettingsOf,
  portalSettingsSchema,
  type PortalSettingsInput,
} from '@portico/contracts';
import { ReplicaCaches, ServiceClient } from '@portico/messaging';
import { z } from 'zod';
import { organizationTag } from '../caching/cache-tags';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '../http/openapi/zod-openapi';
import { ZodValidationPipe } from '../http/validation/zod-validation.pipe';
import { AdminTokenGuard } from './admin-token.guard';

const organizationId = new ZodValidationPipe(z.string().min(1).max(63), 'organization id');
const settingsResponse = z.object({ portal_settings: portalSettingsSchema });
type SettingsResponse = z.output<typeof settingsResponse>;

/** What an organization's customers may do in the portal: edit their details, top up a wallet. */
@ApiTags('admin')
@ApiBearerAuth('admin-token')
@ApiErrors(401, 404, 503)
@UseGuards(AdminTokenGuard)
@Controller('admin/v1/organizations/:id/portal-settings')
export class PortalSettingsController {
  constructor(
    private readonly rpc: ServiceClient,
    private readonly caches: ReplicaCaches,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The portal settings (defaults: nothing editable, top-up off)' })
  @ApiParam({ name: 'id' })
  @ApiZodResponse(200, 'The portal settings', settingsResponse)
  async get(@Param('id', organizationId) id: string): Promise<SettingsResponse> {
    const { organization } = await this.rpc.call(GetOrganization, { organization_id: id });
    return { portal_settings: portalSettingsOf(organization) };
  }

  @Put()
  @ApiOperation({ summary: 'Replace the portal settings; an omitted key takes its default' })
  @ApiParam({ name: 'id' })
  @ApiZodBody(portalSettingsInputSchema)
  @ApiZodResponse(200, 'The portal settings as stored', settingsResponse)
  @ApiErrors(422)
  replace(
    @Param('id', organizationId) id: string,
    @Body(new ZodValidationPipe(portalSettingsInputSchema)) body: PortalSettingsInput,
  ): Promise<SettingsResponse> {
    return this.save(id, { ...DEFAULT_PORTAL_SETTINGS, ...body });
  }

  @Patch()
  @ApiOperation({ summary: 'Change the portal settings; an omitted key keeps its value' })
  @ApiParam({ name: 'id' })
  @ApiZodBody(portalSettingsInputSchema)
  @ApiZodResponse(200, 'The portal settings as stored', settingsResponse)
  @ApiErrors(422)
  change(
    @Param('id', organizationId) id: string,
    @Body(new ZodValidationPipe(portalSettingsInputSchema)) body: PortalSettingsInput,
  ): Promise<SettingsResponse> {
    return this.save(id, body);
  }

  private async save(id: string, changes: PortalSettingsInput): Promise<SettingsResponse> {
    const { organization } = await this.rpc.call(UpdateOrganization, {
      organization_id: id,
      changes: { portal_settings: changes },
    });
    // Other gateways forget on the change event; this one must not show the old settings meanwhile.
    this.caches.invalidate(organizationTag(id));
    return { portal_settings: portalSettingsOf(organization) };
  }
}
