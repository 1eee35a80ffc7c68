import assert from 'node:assert/strict';
import { test } from '@jest/globals';
import type { ChannelModel } from 'amqplib';
import { dirname, join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { setImmediate as nextLoop } from 'node:timers/promises';
import { coalesceWrites } from './coalesced-writes';
// amqplib's own mux (not exported): the test drives the code the connection runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Mux } = require(join(dirname(require.resolve('amqplib')), 'lib', 'mux.js')) as {
  Mux: new (out: Writable) => { pipeFrom(readable: PassThrough): void };
};

/** A socket stand-in that records each syscall-level write: one `write` or one `writev`. */
function recordingSocket() {
  const calls: Buffer[][] = [];
  const socket = new Writable({
    write(chunk: Buffer, _encoding, done) {
      calls.push([chunk]);
      done();
    },
    writev(chunks, done) {
      calls.push(chunks.map((c) => c.chunk as Buffer));
      done();
    },
  });
  return { socket, calls };
}

async function sendThroughMux(coalesce: boolean) {
  const { socket, calls } = recordingSocket();
  const muxer = new Mux(socket);
  const model = { connection: { stream: socket, muxer } } as unknown as ChannelModel;
  const applied = coalesce && coalesceWrites(model);
  const channels = [new PassThrough({ objectMode: true }), new PassThrough({ objectMode: true })];
  for (const channel of channels) muxer.pipeFrom(channel);
  for (let i = 0; i < 3; i++) {
    for (const [n, channel] of channels.entries()) channel.write(Buffer.from(`c${n}f${i}`));
  }
  await nextLoop();
  await nextLoop();
  return { applied, calls };
}

test('the frames of one mux pass reach the socket in one writev, in the same order', async () => {
  const plain = await sendThroughMux(false);
  const coalesced = await sendThroughMux(true);
  assert.equal(coalesced.applied, true);
  assert.equal(plain.calls.length, 6);
  assert.equal(coalesced.calls.length, 1);
  const frames = (calls: Buffer[][]) => calls.flat().map(String);
  assert.deepEqual(frames(coalesced.calls), frames(plain.calls));
});

test('a connection without the expected internals is left as it is', () => {
  const model = { connection: { stream: {} } } as unknown as ChannelModel;
  assert.equal(coalesceWrites(model), false);
});
