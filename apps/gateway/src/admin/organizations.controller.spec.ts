import { afterAll, beforeAll, describe, test } from '@jest/globals';
import {
  CreateOrganization,
  DomainError,
  ErrorCode,
  UpdateOrganization,
  type OrganizationView,
} from '@portico/contracts';
import assert from 'node:assert/strict';
import { startInProcessGateway, type InProcessGateway } from '../../test/in-process-gateway';

const ADMIN_TOKEN = 'an-admin-token-for-the-in-process-tier';
const organization = (id: string, name: string): OrganizationView => ({
  id,
  name,
  display_name: null,
  default_document_locale: 'en',
  embed_origins: [],
  brand_color: null,
  logo_url: null,
  api_keys: [],
  created_at: '2026-11-01T00:00:00.000Z',
  updated_at: '2026-11-01T00:00:00.000Z',
});

describe('/admin/v1/organizations (in process)', () => {
  let gateway: InProcessGateway;
  const admin = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, key = ADMIN_TOKEN) =>
    gateway.api(method, url, { key, body });
  beforeAll(async () => {
    gateway = await startInProcessGateway({ PORTICO_ADMIN_TOKEN: ADMIN_TOKEN });
  });
  afterAll(async () => gateway.close());

  test('without the admin token, or with an API key instead: 401, nothing created', async () => {
    for (const key of [undefined, 'not-the-admin-token']) {
      const response = await gateway.api('POST', '/admin/v1/organizations', {
        key,
        body: { name: 'Acme' },
      });
      assert.equal(response.statusCode, 401, String(key));
    }
    assert.equal(gateway.rpc.callsTo(CreateOrganization).length, 0);
  });

  test('create: 201 with the organization and its API key, shown once', async () => {
    gateway.rpc.answer(CreateOrganization, ({ id, name }) => ({
      organization: organization(id ?? 'org_generated', name),
      api_key: 'pk_shown_once',
    }));
    const response = await admin('POST', '/admin/v1/organizations', { id: 'acme', name: 'Acme' });
    assert.equal(response.statusCode, 201);
    assert.equal(response.json<{ api_key: string }>().api_key, 'pk_shown_once');
  });

  test('an invalid id, colour or logo URL: 422 naming each field', async () => {
    const response = await admin('POST', '/admin/v1/organizations', {
      id: 'Not An Id',
      name: 'Acme',
      brand_color: 'green',
      logo_url: 'javascript:alert(1)',
    });
    assert.equal(response.statusCode, 422);
    const details = response.json<{ error_details: Record<string, string[]> }>().error_details;
    for (const field of ['id', 'brand_color', 'logo_url']) assert.ok(details[field], field);
  });

  test('an id already taken: 409 organization_already_exists', async () => {
    gateway.rpc.answer(CreateOrganization, ({ id }) => {
      throw new DomainError(ErrorCode.OrganizationAlreadyExists, `organization ${id} exists`);
    });
    const response = await admin('POST', '/admin/v1/organizations', { id: 'acme', name: 'Acme' });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json<{ code: string }>().code, 'organization_already_exists');
  });

  test('update an unknown organization: 404 organization_not_found', async () => {
    gateway.rpc.answer(UpdateOrganization, ({ organization_id }) => {
      throw new DomainError(ErrorCode.OrganizationNotFound, `no organization ${organization_id}`);
    });
    const response = await admin('PUT', '/admin/v1/organizations/org_nope', { name: 'x' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json<{ code: string }>().code, 'organization_not_found');
  });
});
