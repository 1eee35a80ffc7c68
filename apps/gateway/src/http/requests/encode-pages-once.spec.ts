import { describe, test } from '@jest/globals';
import Fastify from 'fastify';
import assert from 'node:assert/strict';
import { encodePagesOnce } from './encode-pages-once';

describe('large string answers are encoded once', () => {
  const page = `<p>${'1 234,56 €\u202f'.repeat(1_000)}</p>`;

  test('same bytes, length and type as the string would have had', async () => {
    const app = Fastify();
    encodePagesOnce(app);
    app.get('/html', (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
    app.get('/plain', () => page);
    app.get('/small', () => 'é');
    for (const [path, type, body] of [
      ['/html', 'text/html; charset=utf-8', page],
      ['/plain', 'text/plain; charset=utf-8', page],
      ['/small', 'text/plain; charset=utf-8', 'é'],
    ] as const) {
      const response = await app.inject({ method: 'GET', url: path });
      assert.equal(response.headers['content-type'], type, path);
      assert.equal(response.headers['content-length'], String(Buffer.byteLength(body)), path);
      assert.equal(response.body, body, path);
    }
    await app.close();
  });
});
