/**
 * Every error a service can report to the gateway. The gateway maps each one to HTTP exactly once
 * (an exhaustive switch), so adding a code here is a compile error until it has a status.
 * Values are wire-visible and follow Lago's where Lago has the same error.
 */
export enum ErrorCode {
  ValidationFailed = 'validation_errors',
  NotFound = 'not_found',
  CustomerNotFound = 'customer_not_found',
  OrganizationNotFound = 'organization_not_found',
  ApiKeyNotFound = 'api_key_not_found',
  InvoiceNotFound = 'invoice_not_found',
  CreditNoteNotFound = 'credit_note_not_found',
  SubscriptionNotFound = 'subscription_not_found',
  WalletNotFound = 'wallet_not_found',
  Conflict = 'conflict',
  OrganizationAlreadyExists = 'organization_already_exists',
  Unauthorized = 'unauthorized',
  /** A webhook whose signature headers are missing or do not verify (the Lago bridge). */
  WebhookSignatureInvalid = 'webhook_signature_invalid',
  PortalTokenInvalid = 'portal_token_invalid',
  PortalTokenExpired = 'portal_token_expired',
  PortalSessionRevoked = 'portal_session_revoked',
  Forbidden = 'forbidden',
  /** A portal form posted without the token of the page it came from (CSRF), or with a stale one. */
  FormTokenInvalid = 'form_token_invalid',
  /** A principal used up its rate limit, or a client address its failed authentications. */
  TooManyRequests = 'too_many_requests',
  ServiceUnavailable = 'service_unavailable',
  ServiceTimeout = 'service_timeout',
  /** The PDF renderer's queue is full: back-pressure, try again shortly. */
  PdfRendererBusy = 'pdf_renderer_busy',
  /** Chromium did not finish one PDF within its time limit. */
  PdfRenderTimeout = 'pdf_render_timeout',
  /** The organization's Lago API did not answer in time, or answered a 5xx: try again later. */
  LagoUnavailable = 'lago_unavailable',
  Internal = 'internal_error',
}
