import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LOCALES } from '@portico/contracts';
import { z } from 'zod';
import { ApiEndpoint } from '../../http/openapi/api-endpoint';
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
@UseGuards(ApiKeyGuard)
@Controller('api/v1/locales')
export class LocalesController {
  @Get()
  @ApiEndpoint({
    summary: 'The document languages Portico supports (BCP-47)',
    description:
      "What `billing_configuration.document_locale` accepts (any case); a customer's portal and " +
      "PDFs use its locale, else the organization's default, else English.",
    response: {
      description: 'Every supported locale',
      schema: localesResponse,
      example: {
        locales: [{ code: 'fr', name: 'French', native_name: 'Français', direction: 'ltr' }],
      },
    },
    errors: [],
  })
  list(): z.output<typeof localesResponse> {
    return { locales: LOCALES.map((locale) => ({ ...locale })) };
  }
}
