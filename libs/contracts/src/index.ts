// The one public entry of @portico/contracts; nothing imports a deeper path. kit/ holds the
// plumbing every domain uses (envelope, contract definitions, errors, common schemas); each domain
// folder holds its schemas, events/ and rpc/. The two catalogues at the end span domains.
export * from './kit/event-envelope';
export * from './kit/event-contract';
export * from './kit/storable-values';
export * from './kit/rpc-contract';
export * from './kit/service-name';
export * from './kit/locales';
export * from './kit/common-schemas';
export * from './kit/errors/error-code';
export * from './kit/errors/domain-error';
export * from './kit/errors/zod-details';
export * from './kit/health-check.rpc';

export * from './organizations/organization.schema';
export * from './organizations/portal-settings.schema';
export * from './organizations/lago-settings.schema';
export * from './organizations/rsa-public-key';
export * from './organizations/events/organization-changed.event';
export * from './organizations/rpc/create-organization.rpc';
export * from './organizations/rpc/get-organization.rpc';
export * from './organizations/rpc/list-organizations.rpc';
export * from './organizations/rpc/update-organization.rpc';
export * from './organizations/rpc/create-api-key.rpc';
export * from './organizations/rpc/revoke-api-key.rpc';
export * from './organizations/rpc/authenticate-api-key.rpc';
export * from './organizations/rpc/get-lago-settings.rpc';
export * from './organizations/rpc/update-lago-settings.rpc';
export * from './organizations/rpc/get-lago-webhook-keys.rpc';
export * from './organizations/rpc/get-lago-api-access.rpc';

export * from './customers/customer.schema';
export * from './customers/customer-upstream.schema';
export * from './customers/portal-customer-details.schema';
export * from './customers/countries';
export * from './customers/portal-details.schema';
export * from './customers/events/customer-created.event';
export * from './customers/events/customer-updated.event';
export * from './customers/events/customer-changed.event';
export * from './customers/events/customer-updated-from-portal.event';
export * from './customers/rpc/upsert-customer.rpc';
export * from './customers/rpc/get-customer.rpc';
export * from './customers/rpc/list-customers.rpc';
export * from './customers/rpc/delete-customer.rpc';
export * from './customers/rpc/search-customers.rpc';
export * from './customers/rpc/update-customer-from-portal.rpc';

export * from './portal-sessions/portal-session.schema';
export * from './portal-sessions/rpc/open-portal-session.rpc';
export * from './portal-sessions/rpc/revoke-portal-sessions.rpc';
export * from './portal-sessions/rpc/verify-portal-session.rpc';

export * from './invoices/invoice.schema';
export * from './invoices/lago-invoice.schema';
export * from './invoices/events/invoices-changed.event';
export * from './invoices/events/invoice-parties-changed.event';
export * from './invoices/events/invoice-created.event';
export * from './invoices/events/invoice-updated.event';
export * from './invoices/events/invoice-payment-status-updated.event';
export * from './invoices/events/invoice-payment-overdue.event';
export * from './invoices/events/invoice-voided.event';
export * from './invoices/events/invoice-payment-requested.event';
export * from './invoices/rpc/list-invoices.rpc';
export * from './invoices/rpc/get-invoice.rpc';
export * from './invoices/rpc/search-invoices.rpc';
export * from './invoices/rpc/invoice-totals.rpc';
export * from './invoices/rpc/render-invoice-pdf.rpc';
export * from './invoices/rpc/invoice-payment-url.rpc';

export * from './credit-notes/credit-note.schema';
export * from './credit-notes/events/credit-note-created.event';
export * from './credit-notes/events/credit-note-updated.event';
export * from './credit-notes/rpc/list-credit-notes.rpc';
export * from './credit-notes/rpc/render-credit-note-pdf.rpc';

export * from './wallets/wallet.schema';
export * from './wallets/top-up-limits';
export * from './wallets/events/wallet-top-up-requested.event';
export * from './wallets/events/wallet-created.event';
export * from './wallets/events/wallet-updated.event';
export * from './wallets/events/wallet-terminated.event';
export * from './wallets/events/wallet-transaction-created.event';
export * from './wallets/events/wallet-transaction-updated.event';
export * from './wallets/events/wallets-changed.event';
export * from './wallets/rpc/list-wallets.rpc';
export * from './wallets/rpc/get-wallet.rpc';
export * from './wallets/rpc/request-wallet-top-up.rpc';

export * from './subscriptions/subscription.schema';
export * from './subscriptions/events/subscription-created.event';
export * from './subscriptions/events/subscription-updated.event';
export * from './subscriptions/events/subscription-terminated.event';
export * from './subscriptions/events/customer-usage-updated.event';
export * from './subscriptions/events/subscriptions-changed.event';
export * from './subscriptions/rpc/list-subscriptions.rpc';
export * from './subscriptions/rpc/list-usage-snapshots.rpc';

export * from './webhooks/webhook-endpoint.schema';
export * from './webhooks/events/portico-test.event';
export * from './webhooks/events/webhook-endpoint-disabled.event';
export * from './webhooks/rpc/create-webhook-endpoint.rpc';
export * from './webhooks/rpc/list-webhook-endpoints.rpc';
export * from './webhooks/rpc/get-webhook-endpoint.rpc';
export * from './webhooks/rpc/update-webhook-endpoint.rpc';
export * from './webhooks/rpc/delete-webhook-endpoint.rpc';
export * from './webhooks/rpc/rotate-webhook-secret.rpc';
export * from './webhooks/rpc/list-webhook-deliveries.rpc';
export * from './webhooks/rpc/redeliver-webhook.rpc';
export * from './webhooks/rpc/test-webhook-endpoint.rpc';

export * from './operators/operator.schema';
export * from './operators/rpc/invite-operator.rpc';
export * from './operators/rpc/complete-operator-setup.rpc';
export * from './operators/rpc/list-operators.rpc';
export * from './operators/rpc/change-operator-role.rpc';
export * from './operators/rpc/remove-operator.rpc';

export * from './console-sessions/console-session.schema';
export * from './console-sessions/events/console-sessions-changed.event';
export * from './console-sessions/rpc/open-console-session.rpc';
export * from './console-sessions/rpc/resolve-console-session.rpc';
export * from './console-sessions/rpc/close-console-sessions.rpc';

export * from './activity/activity.schema';
export * from './activity/rpc/record-activity.rpc';
export * from './activity/rpc/list-activity.rpc';

export * from './public-events';
export * from './outbound-events';
