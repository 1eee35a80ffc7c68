import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode, type OperatorRole } from '@portico/contracts';
import { ConsoleSessionCache } from '../caching/console-session-cache';
import { ConsolePageError, SessionRequired } from '../errors/console-errors';
import { SESSION_COOKIE, readCookie } from './cookies';
import { AnonymousCsrf, sameToken } from './csrf';
import { formOf, type ConsoleRequest } from './console-request';

const ROLES = 'console:roles';
/** Only these roles may use the route (or controller). */
export const Roles = (...roles: OperatorRole[]) => SetMetadata(ROLES, roles);

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Every signed-in route: a live server-side session (else → login, remembering the page), the
 * role the route needs (else 403), and on every state-changing request the session's
 * synchronizer token in the form (else 403; SameSite=Lax alone is not enough).
 */
@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  constructor(
    private readonly sessions: ConsoleSessionCache,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const token = readCookie(request, SESSION_COOKIE);
    if (!token || AnonymousCsrf.isAnonymous(token) || token.length < 32 || token.length > 200)
      throw new SessionRequired();
    try {
      request.consoleSession = await this.sessions.resolve(token);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.Unauthorized)
        throw new SessionRequired();
      throw error;
    }
    if (!SAFE_METHODS.has(request.method)) {
      if (!sameToken(formOf(request)._csrf, request.consoleSession.csrf_token))
        throw new ConsolePageError(403, 'csrf');
    }
    const roles = this.reflector.getAllAndOverride<OperatorRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(request.consoleSession.operator.role))
      throw new ConsolePageError(403, 'forbidden');
    return true;
  }
}
