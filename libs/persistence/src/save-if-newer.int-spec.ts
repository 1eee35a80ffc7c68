import { testEnvironment, uniqueDatabaseName } from '@portico/testing';
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from '@jest/globals';
import mongoose, { type Connection } from 'mongoose';
import { tenantCollection, type TenantCollection } from './tenant-collection';

// "Newer wins" against the real database (FerretDB under `npm test`): a stale writer must hear
// that it lost, and a lost race must be decided again on what the other writer stored.
interface Note {
  _id: string;
  organization_id: string;
  text: string;
  rev: number;
}

let connection: Connection;
let notes: TenantCollection<Note>;

beforeAll(async () => {
  connection = await mongoose
    .createConnection(testEnvironment.mongoUri, { dbName: uniqueDatabaseName('save_if_newer') })
    .asPromise();
  notes = tenantCollection<Note>(connection, 'notes');
});
afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const byRev = (incoming: Note) => ({
  decide: (stored: Note | null) => (!stored || stored.rev < incoming.rev ? incoming : undefined),
  versionOf: ({ rev }: Note) => ({ rev }),
});

const note = (id: string, rev: number, text = `rev ${rev}`): Note => ({
  _id: id,
  organization_id: 'org_a',
  text,
  rev,
});

test('the first write inserts, a newer one replaces, an older or equal one changes nothing', async () => {
  assert.equal(await notes.saveIfNewer('n1', byRev(note('n1', 2))), true);
  assert.equal(await notes.saveIfNewer('n1', byRev(note('n1', 1))), false);
  assert.equal(await notes.saveIfNewer('n1', byRev(note('n1', 2, 'replay'))), false);
  assert.equal((await notes.findById('n1'))?.text, 'rev 2');

  assert.equal(await notes.saveIfNewer('n1', byRev(note('n1', 3))), true);
  assert.equal((await notes.findById('n1'))?.text, 'rev 3');
});

test('a writer whose read went stale decides again on what the winner stored', async () => {
  await notes.saveIfNewer('n2', byRev(note('n2', 1)));
  const seen: (number | null)[] = [];
  let raced = false;
  const written = await notes.saveIfNewer('n2', {
    decide: async (stored) => {
      seen.push(stored?.rev ?? null);
      if (!raced) {
        raced = true;
        // Another instance stores rev 5 between this writer's read and its write.
        await notes.saveIfNewer('n2', byRev(note('n2', 5)));
      }
      return stored && stored.rev >= 4 ? undefined : note('n2', 4);
    },
    versionOf: ({ rev }) => ({ rev }),
  });
  assert.equal(written, false, 'rev 4 loses to the rev 5 stored meanwhile');
  assert.deepEqual(seen, [1, 5]);
  assert.equal((await notes.findById('n2'))?.rev, 5);
});

test('a first write that collides with another insert hears a duplicate key and decides again', async () => {
  const seen: (number | null)[] = [];
  let raced = false;
  const written = await notes.saveIfNewer('n3', {
    decide: async (stored) => {
      seen.push(stored?.rev ?? null);
      if (!raced) {
        raced = true;
        // Another instance creates the document between this writer's read and its insert.
        await notes.saveIfNewer('n3', byRev(note('n3', 1)));
      }
      return stored && stored.rev >= 2 ? undefined : note('n3', 2);
    },
    versionOf: ({ rev }) => ({ rev }),
  });
  assert.equal(written, true);
  assert.deepEqual(seen, [null, 1], 'the insert lost, the update against rev 1 won');
  assert.equal((await notes.findById('n3'))?.rev, 2);
});

test('a writer that loses every race gives up rather than loop for ever', async () => {
  await notes.saveIfNewer('n4', byRev(note('n4', 1)));
  let rev = 1;
  const hopeless = notes.saveIfNewer('n4', {
    decide: async (stored) => {
      // Someone else always moves on first.
      await notes.saveIfNewer('n4', byRev(note('n4', ++rev)));
      return { ...note('n4', 0, 'mine'), rev: (stored?.rev ?? 0) + 1 };
    },
    versionOf: ({ rev: storedRev }) => ({ rev: storedRev }),
    maxRaceRetries: 3,
  });
  await assert.rejects(hopeless, /gave up saving n4 after 3 lost races/);
  assert.notEqual((await notes.findById('n4'))?.text, 'mine');
});

test('queries name the organization: another organization sees nothing', async () => {
  await notes.saveIfNewer('n5', byRev({ ...note('n5', 1), organization_id: 'org_b' }));
  const ofA = await notes.find({ organization_id: 'org_a' }).toArray();
  assert.ok(ofA.length > 0);
  assert.ok(ofA.every((found) => found.organization_id === 'org_a'));
  assert.equal(await notes.countDocuments({ organization_id: 'org_b' }), 1);
  assert.equal((await notes.findOne({ organization_id: 'org_b', rev: 1 }))?._id, 'n5');
});

test('a page is in the order asked, skips and limits, and counts every match', async () => {
  for (const rev of [1, 2, 3, 4]) {
    await notes.saveIfNewer(
      `p${rev}`,
      byRev({ ...note(`p${rev}`, rev), organization_id: 'org_p' }),
    );
  }
  const { items, total } = await notes.page(
    { organization_id: 'org_p' },
    { sort: { rev: -1 }, skip: 1, limit: 2 },
  );
  assert.deepEqual(
    items.map((found) => found._id),
    ['p3', 'p2'],
  );
  assert.equal(total, 4);
});

test('by derived id, a document answers only when it holds every expected value', async () => {
  await notes.saveIfNewer('m1', byRev(note('m1', 7)));
  assert.equal(
    (await notes.findByIdMatching('m1', { organization_id: 'org_a', rev: 7 }))?._id,
    'm1',
  );
  assert.equal(await notes.findByIdMatching('m1', { organization_id: 'org_b' }), null);
  assert.equal(await notes.findByIdMatching('m1', { organization_id: 'org_a', rev: 8 }), null);
  assert.equal(await notes.findByIdMatching('absent', { organization_id: 'org_a' }), null);
});
