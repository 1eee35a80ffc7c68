import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import type { OrganizationView } from '@portico/contracts';
import { portalSettingsChangesFrom, portalSettingsView } from './portal-settings-form';

test('ticked boxes become the field list; nothing ticked clears it and turns the top-up off', () => {
  const several = portalSettingsChangesFrom({
    editable_customer_fields: ['zipcode', 'city'],
    wallet_top_up: 'yes',
  });
  assert.ok(several.success);
  assert.deepEqual(several.data, {
    editable_customer_fields: ['city', 'zipcode'],
    wallet_top_up: true,
  });
  const one = portalSettingsChangesFrom({ editable_customer_fields: 'email' });
  assert.ok(one.success);
  assert.deepEqual(one.data, { editable_customer_fields: ['email'], wallet_top_up: false });
  const none = portalSettingsChangesFrom({});
  assert.ok(none.success);
  assert.deepEqual(none.data, { editable_customer_fields: [], wallet_top_up: false });
});

test('a forged field name is refused, not dropped', () => {
  const forged = portalSettingsChangesFrom({ editable_customer_fields: ['email', 'currency'] });
  assert.equal(forged.success, false);
});

test('every field is offered; the stored ones are ticked; an organization without settings has none', () => {
  const organization = {
    portal_settings: { editable_customer_fields: ['country'], wallet_top_up: true },
  } as unknown as OrganizationView;
  const view = portalSettingsView(organization);
  assert.deepEqual(
    view.fields.filter((f) => f.checked).map((f) => f.value),
    ['country'],
  );
  assert.ok(view.fields.length > 10);
  assert.ok(view.fields.every((f) => f.label === `account.fields.${f.value}`));
  assert.equal(view.walletTopUp, true);
  const legacy = portalSettingsView({} as OrganizationView);
  assert.equal(legacy.fields.filter((f) => f.checked).length, 0);
  assert.equal(legacy.walletTopUp, false);
});
