// node:assert/strict under jest. jest runs each test file in a vm context of its own, so an array
// or object made by Node itself (fs.readdirSync, fetch's response.json(), JSON from a child
// process) has another realm's prototype than a literal written in the test, and
// assert.deepStrictEqual, which compares prototypes, fails on "no visual difference". The deep
// comparisons here first rebuild plain objects and arrays in this realm — every key, value,
// property descriptor and other type is compared exactly as before — then call Node's own.
// jest.config.js maps `node:assert/strict` and `node:assert` to this module.
const strict = require('assert/strict');

const plainObjectPrototypes = (proto) =>
  proto !== null &&
  Object.getPrototypeOf(proto) === null &&
  typeof proto.constructor === 'function' &&
  proto.constructor.name === 'Object' &&
  Object.prototype.hasOwnProperty.call(proto, 'hasOwnProperty');

function toThisRealm(value, seen = new Map()) {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    seen.set(value, copy);
    copyOwn(value, copy, seen, (key) => key !== 'length');
    return copy;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && !plainObjectPrototypes(proto)) return value;
  const copy = proto === null ? Object.create(null) : {};
  seen.set(value, copy);
  copyOwn(value, copy, seen, () => true);
  return copy;
}

function copyOwn(from, to, seen, include) {
  for (const key of Reflect.ownKeys(from)) {
    if (!include(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(from, key);
    if ('value' in descriptor) descriptor.value = toThisRealm(descriptor.value, seen);
    Object.defineProperty(to, key, descriptor);
  }
}

const deep = (compare) => (actual, expected, message) =>
  compare(toThisRealm(actual), toThisRealm(expected), message);

const assert = (value, message) => strict.ok(value, message);
Object.assign(assert, strict, {
  deepEqual: deep(strict.deepEqual),
  deepStrictEqual: deep(strict.deepStrictEqual),
  notDeepEqual: deep(strict.notDeepEqual),
  notDeepStrictEqual: deep(strict.notDeepStrictEqual),
  partialDeepStrictEqual: deep(strict.partialDeepStrictEqual),
});
assert.strict = assert;

module.exports = assert;
