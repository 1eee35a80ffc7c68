import { DomainError, ErrorCode } from '@portico/contracts';
import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import { RenderSlots } from './render-slots';

test('holders beyond the size wait; beyond the queue limit they are refused as busy', async () => {
  const slots = new RenderSlots(2, 1);
  await slots.acquire();
  await slots.acquire();
  let third = false;
  const waiting = slots.acquire().then(() => (third = true));
  await assert.rejects(
    slots.acquire(),
    (error: DomainError) => error.code === ErrorCode.PdfRendererBusy,
  );
  assert.equal(third, false);
  slots.release();
  await waiting;
  assert.equal(third, true);
  assert.equal(slots.inUse, 2);
});

test('idle resolves once every holder released', async () => {
  const slots = new RenderSlots(1, 10);
  await slots.acquire();
  const second = slots.acquire();
  let idle = false;
  const done = slots.idle().then(() => (idle = true));
  slots.release();
  await second;
  assert.equal(idle, false);
  slots.release();
  await done;
  assert.equal(idle, true);
});
