/** Where to go after login: a path on this console only (`//evil.example` is not one). */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return '/';
  // eslint-disable-next-line no-control-regex
  if (next.includes('\\') || /[\u0000-\u001f]/.test(next) || next.startsWith('/login')) return '/';
  return next.slice(0, 2_000);
}
