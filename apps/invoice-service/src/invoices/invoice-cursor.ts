import { DomainError, ErrorCode } from '@portico/contracts';

export type CursorDirection = 'after' | 'before';

/**
 * Cursors are opaque to callers: a direction and the list key (`issuing_date|upstream_id`) of the
 * invoice the page continues from, so pages stay stable while new invoices arrive.
 */
export function encodeCursor(direction: CursorDirection, listKey: string): string {
  return Buffer.from(`${direction === 'after' ? 'a' : 'b'}|${listKey}`, 'utf8').toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): { direction: CursorDirection; key: string } {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^([ab])\|(\d{4}-\d{2}-\d{2}\|.+)$/s.exec(decoded);
  if (!match) {
    throw new DomainError(ErrorCode.ValidationFailed, 'invalid cursor', [
      { field: 'cursor', message: 'is not a cursor this API returned' },
    ]);
  }
  return { direction: match[1] === 'a' ? 'after' : 'before', key: match[2]! };
}
