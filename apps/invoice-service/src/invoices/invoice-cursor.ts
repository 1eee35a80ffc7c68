import { DomainError, ErrorCode } from '@portico/contracts';

/** Cursors are opaque to callers: the list key of the last invoice on the page. */
export function encodeCursor(listKey: string): string {
  return Buffer.from(listKey, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}\|.+/.test(key)) {
    throw new DomainError(ErrorCode.ValidationFailed, 'invalid cursor', [
      { field: 'cursor', message: 'is not a cursor this API returned' },
    ]);
  }
  return key;
}
