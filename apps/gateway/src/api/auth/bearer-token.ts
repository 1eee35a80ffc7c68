import { DomainError, ErrorCode } from '@portico/contracts';

/** `Authorization: Bearer <token>` → the token, or a 401 that says what is missing. */
export function bearerToken(authorization: string | string[] | undefined): string {
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match) {
    throw new DomainError(
      ErrorCode.Unauthorized,
      'missing "Authorization: Bearer <api key>" header',
    );
  }
  return match[1]!;
}
