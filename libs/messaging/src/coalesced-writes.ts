import type { ChannelModel } from 'amqplib';

/** The parts of amqplib's connection this relies on (amqplib 2.x internals, checked at run time). */
interface MuxedConnection {
  stream?: { cork?: () => void; uncork?: () => void };
  muxer?: { _readIncoming?: () => void };
}

/**
 * amqplib queues every frame (publish, ack, confirm) per channel and, once per tick, its mux
 * writes them to the socket one `write` at a time: one syscall per frame, the biggest single cost
 * of a busy consumer or publisher in a CPU profile. Corking the socket around the mux's pass
 * sends everything that pass writes in one `writev`. Frames, their order and back-pressure are
 * unchanged; only the number of syscalls drops. Should amqplib's internals ever differ, the
 * connection is left as it is.
 */
export function coalesceWrites(model: ChannelModel): boolean {
  const connection = (model as unknown as { connection?: MuxedConnection }).connection;
  const stream = connection?.stream;
  const muxer = connection?.muxer;
  const readIncoming = muxer?._readIncoming;
  if (!stream?.cork || !stream.uncork || !muxer || typeof readIncoming !== 'function') return false;
  muxer._readIncoming = function (this: unknown) {
    stream.cork!();
    try {
      readIncoming.call(this);
    } finally {
      stream.uncork!();
    }
  };
  return true;
}
