import { DomainError, ErrorCode } from '@portico/contracts';

/**
 * The deepest nesting of objects and arrays in a JSON text, counted on the bytes before parsing:
 * `JSON.parse` itself and every recursive walk after it (validation, copying) would overflow the
 * stack on a body nested thousands deep. Brackets inside strings do not count.
 */
export function jsonDepthExceeds(text: Buffer | string, maxDepth: number): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return false;
}

/** The API's 422 naming the limit. */
export function tooDeep(maxDepth: number): DomainError {
  return new DomainError(
    ErrorCode.ValidationFailed,
    `the JSON body is nested more than ${maxDepth} levels deep`,
    [{ field: 'body', message: `nesting deeper than ${maxDepth} levels is not accepted` }],
  );
}
