import { Controller } from '@nestjs/common';
import {
  GetInvoicePaymentUrl,
  RequestInvoicePayment,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { PaymentUrlsService } from './payment-urls.service';

@Controller()
export class PaymentUrlsRpcHandler {
  constructor(private readonly paymentUrls: PaymentUrlsService) {}

  @HandleRpc(GetInvoicePaymentUrl)
  get(
    request: RpcRequest<typeof GetInvoicePaymentUrl>,
  ): Promise<RpcResponse<typeof GetInvoicePaymentUrl>> {
    return this.paymentUrls.urlOf(request);
  }

  @HandleRpc(RequestInvoicePayment)
  request(
    request: RpcRequest<typeof RequestInvoicePayment>,
  ): Promise<RpcResponse<typeof RequestInvoicePayment>> {
    return this.paymentUrls.request(request);
  }
}
