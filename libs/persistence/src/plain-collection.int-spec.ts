import { testEnvironment, uniqueDatabaseName } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import { tenantCollection, type TenantCollection } from './tenant-collection';

// The writes repositories make, against the real database (FerretDB under `npm test`).
interface Account {
  _id: string;
  organization_id: string;
  email: string;
  name: string | null;
  logins: number;
}

let connection: Connection;
let accounts: TenantCollection<Account>;

beforeAll(async () => {
  connection = await mongoose
    .createConnection(testEnvironment.mongoUri, { dbName: uniqueDatabaseName('plain_collection') })
    .asPromise();
  accounts = tenantCollection<Account>(connection, 'accounts');
});
afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const account = (id: string, organization = 'org_a'): Account => ({
  _id: id,
  organization_id: organization,
  email: `${id}@example.com`,
  name: null,
  logins: 0,
});

test('a record is stored as given and an update returns the document after it', async () => {
  await accounts.insertOne(account('a1'));
  assert.deepEqual(await accounts.findById('a1'), account('a1'));
  const updated = await accounts.findOneAndUpdate(
    { _id: 'a1', organization_id: 'org_a' },
    { $set: { name: 'Ana', email: undefined } },
    { returnDocument: 'after' },
  );
  assert.deepEqual(updated, { ...account('a1'), name: 'Ana' }, 'an undefined field is kept');
  const other = await accounts.findOneAndUpdate(
    { _id: 'a1', organization_id: 'org_b' },
    { $set: { name: 'Eve' } },
  );
  assert.equal(other, null, "another organization's filter matches nothing");
});

test('updates and deletes count what matched', async () => {
  for (const id of ['b1', 'b2', 'b3']) await accounts.insertOne(account(id, 'org_b'));
  const many = await accounts.updateMany({ organization_id: 'org_b' }, { $set: { logins: 1 } });
  assert.equal(many.modifiedCount, 3);
  const one = await accounts.updateOne(
    { _id: 'b1', organization_id: 'org_b', logins: 0 },
    { $set: { logins: 2 } },
  );
  assert.equal(one.matchedCount, 0, 'the condition no longer holds');
  assert.equal(
    (await accounts.findOneAndDelete({ _id: 'b1', organization_id: 'org_b' }))?._id,
    'b1',
  );
  assert.equal((await accounts.deleteOne({ _id: 'b1', organization_id: 'org_b' })).deletedCount, 0);
  assert.equal((await accounts.deleteMany({ organization_id: 'org_b' })).deletedCount, 2);
});

test('an upsert inserts what the filter and $setOnInsert name, once', async () => {
  const insert = () =>
    accounts.updateOne(
      { _id: 'c1', organization_id: 'org_c' },
      { $setOnInsert: { email: 'c1@example.com', name: 'Cy', logins: 0 } },
      { upsert: true },
    );
  assert.equal((await insert()).upsertedCount, 1);
  assert.equal((await insert()).upsertedCount, 0);
  assert.deepEqual(await accounts.findById('c1'), { ...account('c1', 'org_c'), name: 'Cy' });
});

test('across organizations, a unique key finds the record and its id writes it', async () => {
  await accounts.insertOne(account('d1', 'org_d'));
  const found = await accounts.acrossOrganizations.findOne({ email: 'd1@example.com' });
  assert.equal(found?.organization_id, 'org_d');
  await accounts.acrossOrganizations.updateOne({ _id: 'd1' }, { $set: { logins: 5 } });
  assert.equal((await accounts.findById('d1'))?.logins, 5);
});
