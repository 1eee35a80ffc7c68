import { describe, expect, it } from '@jest/globals';
import { unstorableValues } from './storable-values';

describe('unstorableValues', () => {
  it('finds nothing in a payload the database accepts', () => {
    expect(unstorableValues({ a: 'text', b: [1, 2.5, { c: null, d: true }], e: {} })).toEqual([]);
  });

  it('names every NUL and non-finite value by its path', () => {
    expect(
      unstorableValues({ fees: [{ units: Infinity }, { description: 'a\u0000b' }], ok: 1 }),
    ).toEqual([
      { path: ['fees', 0, 'units'], message: 'must be a finite number' },
      { path: ['fees', 1, 'description'], message: 'must not contain NUL characters' },
    ]);
  });

  it('refuses a NUL in a key, and NaN at the top', () => {
    expect(unstorableValues({ 'bad\u0000key': 1 })).toEqual([
      { path: ['bad\u0000key'], message: 'key must not contain NUL characters' },
    ]);
    expect(unstorableValues(NaN)).toEqual([{ path: [], message: 'must be a finite number' }]);
  });
});
