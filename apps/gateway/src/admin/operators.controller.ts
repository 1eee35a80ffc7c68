import { Body, Controller, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  InviteOperator,
  isoDateTime,
  operatorEmailSchema,
  operatorRoleSchema,
  operatorViewSchema,
} from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import { z } from 'zod';
import { GatewayConfig } from '../config/gateway.config';
import { ApiErrors, ApiZodBody, ApiZodResponse } from '../http/openapi/zod-openapi';
import { ZodValidationPipe } from '../http/validation/zod-validation.pipe';
import { AdminTokenGuard } from './admin-token.guard';

const inviteBody = z.object({
  email: operatorEmailSchema,
  role: operatorRoleSchema.default('admin'),
});
const inviteResponse = z.object({
  operator: operatorViewSchema,
  set_password_url: z.url().describe('One-time link to the console, valid 24 hours'),
  expires_at: isoDateTime,
});

/** The first admin of an organization (and any operator) from whoever runs Portico. */
@ApiTags('admin')
@ApiBearerAuth('admin-token')
@ApiErrors(401, 503)
@UseGuards(AdminTokenGuard)
@Controller('admin/v1/organizations/:id/operators')
export class OperatorsController {
  constructor(
    private readonly rpc: ServiceClient,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Add a console operator; answers a one-time set-password link (24 h)',
    description:
      'Calling it again for an operator who has not set a password yet re-issues the link.',
  })
  @ApiParam({ name: 'id' })
  @ApiZodBody(inviteBody)
  @ApiZodResponse(201, 'The operator and the link to pass on', inviteResponse)
  @ApiErrors(404, 409, 422)
  async invite(
    @Param('id', new ZodValidationPipe(z.string().min(1).max(63), 'organization id')) id: string,
    @Body(new ZodValidationPipe(inviteBody)) body: z.output<typeof inviteBody>,
  ): Promise<z.output<typeof inviteResponse>> {
    const { operator, setup } = await this.rpc.call(InviteOperator, {
      organization_id: id,
      ...body,
    });
    return {
      operator,
      set_password_url: `${this.config.consolePublicUrl}/set-password/${setup.token}`,
      expires_at: setup.expires_at,
    };
  }
}
