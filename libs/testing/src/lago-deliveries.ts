import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

/**
 * Lago's side of a webhook delivery, for tests and benchmarks: payloads shaped like Lago's
 * serializers (customer, fees with items, applied taxes, billing configuration — from Lago's
 * public webhook documentation) and the headers Lago signs them with, both algorithms.
 */
export class LagoSender {
  readonly hmacKey = createHmac('sha256', randomUUID()).digest('base64url');
  readonly apiUrl = 'https://lago.billing.example.test';
  private readonly keys: { publicKey: KeyObject; privateKey: KeyObject } = generateKeyPairSync(
    'rsa',
    { modulusLength: 2048 },
  );

  /** What Lago's `GET /api/v1/webhooks/public_key` answers: the PEM, base64-encoded. */
  get publicKeyBase64(): string {
    return Buffer.from(this.publicKeyPem).toString('base64');
  }

  get publicKeyPem(): string {
    return this.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  hmacSignature(body: string, key = this.hmacKey): string {
    return createHmac('sha256', key).update(body).digest('base64');
  }

  /** RS256 JWT `{data: <body>, iss: <Lago API URL>}`, as Lago signs it. */
  jwtSignature(body: string, options: { issuer?: string; privateKey?: KeyObject } = {}): string {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signingInput = `${encode({ alg: 'RS256' })}.${encode({ data: body, iss: options.issuer ?? this.apiUrl })}`;
    const signature = sign(
      'RSA-SHA256',
      Buffer.from(signingInput),
      options.privateKey ?? this.keys.privateKey,
    );
    return `${signingInput}.${signature.toString('base64url')}`;
  }

  headers(
    body: string,
    algorithm: 'hmac' | 'jwt' = 'hmac',
    uniqueKey: string = randomUUID(),
  ): Record<string, string> {
    return {
      'content-type': 'application/json',
      'x-lago-signature': algorithm === 'hmac' ? this.hmacSignature(body) : this.jwtSignature(body),
      'x-lago-signature-algorithm': algorithm,
      'x-lago-unique-key': uniqueKey,
    };
  }
}

export interface LagoInvoiceOptions {
  lagoId?: string;
  externalCustomerId?: string;
  number?: string;
  status?: string;
  paymentStatus?: string;
  paymentOverdue?: boolean;
  paymentDisputeLostAt?: string | null;
  invoiceType?: string;
  updatedAt?: string;
  issuingDate?: string;
  documentLocale?: string | null;
  /** false: leave fees out, as Lago's invoice.generated does. */
  withFees?: boolean;
}

/** A Lago customer object as its serializer writes it. */
export function lagoCustomer(
  externalId: string,
  { documentLocale = 'fr', updatedAt = '2026-11-01T08:00:00Z' } = {} as {
    documentLocale?: string | null;
    updatedAt?: string;
  },
) {
  return {
    lago_id: randomUUID(),
    external_id: externalId,
    account_type: 'customer',
    name: 'Gavin Belson',
    firstname: 'Gavin',
    lastname: 'Belson',
    customer_type: 'company',
    sequential_id: 1,
    slug: 'LAG-1234-001',
    address_line1: '5230 Penfield Ave',
    address_line2: null,
    city: 'Woodland Hills',
    country: 'US',
    currency: 'EUR',
    email: 'gavin@hooli.example',
    legal_name: 'Hooli Inc.',
    legal_number: '49-008-2965',
    logo_url: 'http://hooli.example/logo.png',
    phone: '1-171-883-3711 x245',
    state: 'CA',
    tax_identification_number: 'EU123456789',
    timezone: 'Europe/Paris',
    applicable_timezone: 'Europe/Paris',
    url: 'http://hooli.example',
    zipcode: '91364',
    net_payment_term: 30,
    created_at: '2026-10-01T08:00:00Z',
    updated_at: updatedAt,
    billing_configuration: {
      invoice_grace_period: 3,
      payment_provider: 'stripe',
      payment_provider_code: 'stripe-eu-1',
      provider_customer_id: 'cus_12345',
      sync: true,
      sync_with_provider: true,
      document_locale: documentLocale,
      provider_payment_methods: ['card', 'sepa_debit'],
    },
    shipping_address: { address_line1: '5230 Penfield Ave', city: 'Woodland Hills', country: 'US' },
    metadata: [
      {
        lago_id: randomUUID(),
        key: 'Purchase Order',
        value: '123456789',
        display_in_invoice: true,
        created_at: '2026-10-01T08:00:00Z',
      },
    ],
    integration_customers: [],
  };
}

/** A Lago invoice object: a subscription fee and a usage charge with VAT, totals that add up. */
export function lagoInvoice(options: LagoInvoiceOptions = {}) {
  const lagoId = options.lagoId ?? randomUUID();
  const customer = lagoCustomer(options.externalCustomerId ?? 'cus_lago_42', {
    documentLocale: options.documentLocale === undefined ? 'fr' : options.documentLocale,
  });
  const updatedAt = options.updatedAt ?? '2026-11-01T10:00:00Z';
  const tax = {
    lago_id: randomUUID(),
    lago_tax_id: randomUUID(),
    tax_name: 'TVA',
    tax_code: 'french_standard_vat',
    tax_rate: 20.0,
    tax_description: 'French standard VAT',
    amount_currency: 'EUR',
    created_at: updatedAt,
  };
  const fees = [
    {
      lago_id: randomUUID(),
      lago_charge_id: null,
      lago_invoice_id: lagoId,
      lago_subscription_id: randomUUID(),
      lago_customer_id: customer.lago_id,
      external_customer_id: customer.external_id,
      external_subscription_id: 'sub_startup_42',
      invoice_display_name: 'Startup plan',
      amount_cents: 4900,
      amount_currency: 'EUR',
      taxes_amount_cents: 980,
      taxes_rate: 20.0,
      total_amount_cents: 5880,
      total_amount_currency: 'EUR',
      units: '1.0',
      description: '',
      unit_amount_cents: 4900,
      precise_unit_amount: '49.0',
      events_count: null,
      pay_in_advance: true,
      invoiceable: true,
      from_date: '2026-11-01T00:00:00Z',
      to_date: '2026-11-30T23:59:59Z',
      payment_status: 'pending',
      created_at: updatedAt,
      succeeded_at: null,
      failed_at: null,
      refunded_at: null,
      amount_details: {},
      item: {
        type: 'subscription',
        code: 'startup',
        name: 'Startup',
        invoice_display_name: 'Startup plan',
        lago_item_id: randomUUID(),
        item_type: 'Subscription',
        grouped_by: {},
      },
      applied_taxes: [{ ...tax, lago_fee_id: null, amount_cents: 980 }],
    },
    {
      lago_id: randomUUID(),
      lago_charge_id: randomUUID(),
      lago_invoice_id: lagoId,
      lago_subscription_id: randomUUID(),
      lago_customer_id: customer.lago_id,
      external_customer_id: customer.external_id,
      external_subscription_id: 'sub_startup_42',
      amount_cents: 1250,
      amount_currency: 'EUR',
      taxes_amount_cents: 250,
      taxes_rate: 20.0,
      total_amount_cents: 1500,
      total_amount_currency: 'EUR',
      units: '2500.0',
      description: null,
      precise_unit_amount: '0.005',
      events_count: 2500,
      pay_in_advance: false,
      invoiceable: true,
      from_date: '2026-10-01T00:00:00Z',
      to_date: '2026-10-31T23:59:59Z',
      payment_status: 'pending',
      created_at: updatedAt,
      succeeded_at: null,
      failed_at: null,
      refunded_at: null,
      amount_details: { per_unit_total_amount: '12.5', paid_units: '2500.0' },
      item: {
        type: 'charge',
        code: 'api_calls',
        name: 'API calls',
        invoice_display_name: null,
        lago_item_id: randomUUID(),
        item_type: 'BillableMetric',
        grouped_by: {},
      },
      applied_taxes: [{ ...tax, lago_fee_id: null, amount_cents: 250 }],
    },
  ];
  return {
    lago_id: lagoId,
    billing_entity_code: 'hooli_eu',
    sequential_id: 2,
    number: options.number ?? `HOO-${lagoId.slice(0, 4).toUpperCase()}-001-002`,
    issuing_date: options.issuingDate ?? '2026-11-01',
    payment_due_date: '2026-12-01',
    net_payment_term: 30,
    invoice_type: options.invoiceType ?? 'subscription',
    status: options.status ?? 'finalized',
    payment_status: options.paymentStatus ?? 'pending',
    payment_dispute_lost_at: options.paymentDisputeLostAt ?? null,
    payment_overdue: options.paymentOverdue ?? false,
    currency: 'EUR',
    fees_amount_cents: 6150,
    taxes_amount_cents: 1230,
    progressive_billing_credit_amount_cents: 0,
    coupons_amount_cents: 0,
    credit_notes_amount_cents: 0,
    sub_total_excluding_taxes_amount_cents: 6150,
    sub_total_including_taxes_amount_cents: 7380,
    total_amount_cents: 7380,
    total_due_amount_cents: options.paymentStatus === 'succeeded' ? 0 : 7380,
    total_paid_amount_cents: options.paymentStatus === 'succeeded' ? 7380 : 0,
    prepaid_credit_amount_cents: 0,
    file_url: null,
    xml_url: null,
    version_number: 4,
    self_billed: false,
    created_at: '2026-11-01T09:59:00Z',
    updated_at: updatedAt,
    voided_at: options.status === 'voided' ? updatedAt : null,
    customer,
    subscriptions: [],
    ...(options.withFees !== false && { fees }),
    credits: [],
    applied_taxes: [
      {
        ...tax,
        lago_invoice_id: lagoId,
        amount_cents: 1230,
        fees_amount_cents: 6150,
        taxable_amount_cents: 6150,
      },
    ],
  };
}

/** The webhook body: `{webhook_type, object_type, organization_id, <object_type>: object}`. */
export function lagoWebhook(webhookType: string, objectType: string, object: unknown) {
  return {
    webhook_type: webhookType,
    object_type: objectType,
    organization_id: '9a4a2b2b-2f2c-4c1c-8c1d-2f3b9c1d2e3f',
    [objectType]: object,
  };
}
