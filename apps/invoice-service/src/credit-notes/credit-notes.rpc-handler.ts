import { Controller } from '@nestjs/common';
import {
  ListCreditNotes,
  RenderCreditNotePdf,
  type RpcRequest,
  type RpcResponse,
} from '@portico/contracts';
import { HandleRpc } from '@portico/messaging';
import { CreditNotesService } from './credit-notes.service';

@Controller()
export class CreditNotesRpcHandler {
  constructor(private readonly creditNotes: CreditNotesService) {}

  @HandleRpc(ListCreditNotes)
  list(request: RpcRequest<typeof ListCreditNotes>): Promise<RpcResponse<typeof ListCreditNotes>> {
    return this.creditNotes.list(request);
  }

  @HandleRpc(RenderCreditNotePdf)
  pdf(
    request: RpcRequest<typeof RenderCreditNotePdf>,
  ): Promise<RpcResponse<typeof RenderCreditNotePdf>> {
    return this.creditNotes.pdf(request);
  }
}
