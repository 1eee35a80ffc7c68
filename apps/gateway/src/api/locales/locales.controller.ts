import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LOCALES } from '@portico/contracts';
import { z } from 'zod';
import { ApiErrors, ApiZodResponse } from '../../openapi/zod-openapi';
import { ApiKeyGuard } from '../auth/api-key.guard';

const localesResponse = z.object({
  locales: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      native_name: z.string(),
      direction: z.enum(['ltr', 'rtl']),
    }),
  ),
});

@ApiTags('locales')
@ApiBearerAuth('api-key')
@ApiErrors(401)
@UseGuards(ApiKeyGuard)
@Controller('api/v1/locales')
export class LocalesController {
  @Get()
  @ApiOperation({ summary: 'The document languages Portico supports (BCP-47)' })
  @ApiZodResponse(200, 'Every supported locale', localesResponse)
  list(): z.output<typeof localesResponse> {
    return { locales: LOCALES.map((locale) => ({ ...locale })) };
  }
}
