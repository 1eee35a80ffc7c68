import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { LOCALES } from '@portico/contracts';
import type { FastifyReply } from 'fastify';
import { escapeHtml } from './html-escape';
import { PortalErrorFilter } from './portal-error.filter';
import { setPortalHeaders } from './portal-headers';
import { PortalSessionGuard, type PortalRequest } from './portal-session.guard';

/** The page the end customer sees in the iframe. (Invoice history lands with the portal issue.) */
@ApiExcludeController()
@UseGuards(PortalSessionGuard)
@UseFilters(PortalErrorFilter)
@Controller('customer-portal/:token')
export class PortalController {
  @Get()
  page(@Req() request: PortalRequest, @Res() reply: FastifyReply): void {
    const { organization, customer, locale } = request.portalSession;
    const direction = LOCALES.find((l) => l.code === locale)?.direction ?? 'ltr';
    setPortalHeaders(reply, organization.embed_origins);
    void reply.send(`<!doctype html>
<html lang="${escapeHtml(locale)}" dir="${direction}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(organization.display_name ?? organization.name)}</title></head>
<body><main>
<h1>${escapeHtml(organization.display_name ?? organization.name)}</h1>
<p data-portico-customer="${escapeHtml(customer.external_id)}">${escapeHtml(customer.name ?? customer.external_id)}</p>
</main></body></html>
`);
  }
}
