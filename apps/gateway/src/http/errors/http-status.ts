import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@portico/contracts';

/** The one place a service's error code becomes an HTTP status. */
export function httpStatusFor(code: ErrorCode): HttpStatus {
  switch (code) {
    case ErrorCode.ValidationFailed:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ErrorCode.NotFound:
    case ErrorCode.CustomerNotFound:
    case ErrorCode.OrganizationNotFound:
    case ErrorCode.ApiKeyNotFound:
    case ErrorCode.InvoiceNotFound:
    case ErrorCode.CreditNoteNotFound:
    case ErrorCode.SubscriptionNotFound:
    case ErrorCode.WalletNotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.Conflict:
    case ErrorCode.OrganizationAlreadyExists:
      return HttpStatus.CONFLICT;
    case ErrorCode.Unauthorized:
    case ErrorCode.WebhookSignatureInvalid:
    case ErrorCode.PortalTokenInvalid:
    case ErrorCode.PortalTokenExpired:
    case ErrorCode.PortalSessionRevoked:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.Forbidden:
    case ErrorCode.FormTokenInvalid:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.TooManyRequests:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCode.ServiceUnavailable:
    case ErrorCode.ServiceTimeout:
    case ErrorCode.PdfRendererBusy:
    case ErrorCode.PdfRenderTimeout:
    case ErrorCode.LagoUnavailable:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ErrorCode.Internal:
      return HttpStatus.INTERNAL_SERVER_ERROR;
  }
}
