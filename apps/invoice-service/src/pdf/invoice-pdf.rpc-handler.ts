import { Controller } from '@nestjs/common';
import { RenderInvoicePdf, type RpcRequest, type RpcResponse } from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { InvoicePdfService } from './invoice-pdf.service';

@Controller()
export class InvoicePdfRpcHandler {
  constructor(private readonly pdfs: InvoicePdfService) {}

  @HandleRpc(RenderInvoicePdf)
  async pdf(
    request: RpcRequest<typeof RenderInvoicePdf>,
  ): Promise<RpcResponse<typeof RenderInvoicePdf>> {
    const result = await this.pdfs.pdf(
      request.organization_id,
      request.invoice_id,
      request.external_customer_id,
      request.if_none_match,
    );
    return {
      number: result.number,
      external_customer_id: result.externalCustomerId,
      locale: result.locale,
      cached: result.cached,
      key: result.key,
      ...(result.pdf && { pdf_base64: result.pdf.toString('base64') }),
    };
  }
}
