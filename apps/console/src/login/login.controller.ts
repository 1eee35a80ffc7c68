import { Controller, Get, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  CloseConsoleSessions,
  CompleteOperatorSetup,
  DomainError,
  ErrorCode,
  OpenConsoleSession,
  operatorEmailSchema,
  operatorPasswordSchema,
  toSupportedLocale,
} from '@portico/contracts';
import { ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';
import { ConsoleSessionGuard } from '../auth/console-session.guard';
import { formOf, sessionOf, type ConsoleRequest } from '../auth/console-request';
import { LANGUAGE_COOKIE, SESSION_COOKIE, readCookie, setCookie } from '../auth/cookies';
import { AnonymousCsrf, sameToken } from '../auth/csrf';
import { LoginThrottle } from '../auth/login-throttle';
import { ConsoleSessionCache } from '../caching/console-session-cache';
import { ConsoleConfig } from '../config/console.config';
import { ConsolePageError } from '../errors/console-errors';
import { ConsolePages } from '../rendering/console-pages';
import { safeNext } from './safe-next';

/** Login, logout, the one-time set-password page and the UI language pick. */
@Controller()
export class LoginController {
  private readonly anonymous: AnonymousCsrf;
  private readonly perAccount: LoginThrottle;
  private readonly perAddress: LoginThrottle;

  constructor(
    private readonly rpc: ServiceClient,
    private readonly pages: ConsolePages,
    private readonly sessions: ConsoleSessionCache,
    @Inject(ConsoleConfig) private readonly config: ConsoleConfig,
  ) {
    this.anonymous = new AnonymousCsrf(config.consoleSecret);
    this.perAccount = new LoginThrottle(config.loginLimits.perAccount);
    this.perAddress = new LoginThrottle(config.loginLimits.perAddress);
  }

  @Get('login')
  loginPage(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
  ) {
    this.renderLogin(request, reply, { next: safeNext(next) });
  }

  @Post('login')
  async login(@Req() request: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = formOf(request);
    this.requireAnonymousCsrf(request, form._csrf);
    const next = safeNext(form.next);
    const email = operatorEmailSchema.safeParse(form.email ?? '');
    const accountKey = email.success ? email.data : String(form.email ?? '').toLowerCase();
    const retryAfter = Math.max(
      this.perAccount.retryAfter(accountKey),
      this.perAddress.retryAfter(request.ip),
    );
    if (retryAfter > 0) throw new ConsolePageError(429, 'rate_limited', retryAfter);
    try {
      if (!email.success || !form.password) throw new DomainError(ErrorCode.Unauthorized, 'bad');
      const { token } = await this.rpc.call(OpenConsoleSession, {
        email: email.data,
        password: String(form.password).slice(0, 200),
        idle_timeout_seconds: this.config.session.idleTimeoutSeconds,
        lifetime_seconds: this.config.session.lifetimeSeconds,
      });
      this.perAccount.succeed(accountKey);
      // A fresh session id at login: whatever cookie came before is replaced (no fixation).
      setCookie(reply, SESSION_COOKIE, token, { secure: this.config.secureCookies });
      void reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== ErrorCode.Unauthorized) throw error;
      this.perAccount.fail(accountKey);
      this.perAddress.fail(request.ip);
      // The same answer for an unknown email and a wrong password.
      this.renderLogin(request, reply, { next, email: form.email ?? '', failed: true }, 401);
    }
  }

  @Post('logout')
  @UseGuards(ConsoleSessionGuard)
  async logout(@Req() request: ConsoleRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.close(request, reply, formOf(request).scope === 'all' ? 'all' : 'this');
  }

  @Get('set-password/:token')
  setPasswordPage(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Param('token') token: string,
  ) {
    this.renderSetPassword(request, reply, token, {});
  }

  @Post('set-password/:token')
  async setPassword(
    @Req() request: ConsoleRequest,
    @Res() reply: FastifyReply,
    @Param('token') token: string,
  ): Promise<void> {
    const form = formOf(request);
    this.requireAnonymousCsrf(request, form._csrf);
    const password = operatorPasswordSchema.safeParse(form.password ?? '');
    if (!password.success)
      return this.renderSetPassword(request, reply, token, { tooShort: true }, 422);
    if (password.data !== form.confirm)
      return this.renderSetPassword(request, reply, token, { mismatch: true }, 422);
    if (token.length < 20 || token.length > 200) throw new ConsolePageError(404, 'not_found');
    await this.rpc.call(CompleteOperatorSetup, { token, password: password.data });
    void reply.redirect('/login?ready=1', 303);
  }

  /** The UI language the operator picked, remembered in a cookie (a preference, not a change). */
  @Get('language')
  language(
    @Res() reply: FastifyReply,
    @Query('lang') lang?: string,
    @Query('next') next?: string,
  ): void {
    const locale = lang && toSupportedLocale(lang);
    if (locale)
      setCookie(reply, LANGUAGE_COOKIE, locale, {
        secure: this.config.secureCookies,
        maxAgeSeconds: 365 * 86_400,
      });
    void reply.redirect(safeNext(next), 303);
  }

  private async close(request: ConsoleRequest, reply: FastifyReply, scope: 'this' | 'all') {
    const token = readCookie(request, SESSION_COOKIE)!;
    await this.rpc.call(CloseConsoleSessions, { token, scope });
    const { id, operator } = sessionOf(request);
    if (scope === 'this') this.sessions.forgetSession(id);
    else this.sessions.forgetOperator(operator.organization_id, operator.id);
    setCookie(reply, SESSION_COOKIE, '', { secure: this.config.secureCookies, maxAgeSeconds: 0 });
    void reply.redirect('/login?signed_out=1', 303);
  }

  /** The login form's token is bound to an anonymous cookie, set here if there is none. */
  private anonymousToken(request: ConsoleRequest, reply: FastifyReply): string {
    let cookie = readCookie(request, SESSION_COOKIE);
    if (!AnonymousCsrf.isAnonymous(cookie)) {
      cookie = this.anonymous.newCookieValue();
      setCookie(reply, SESSION_COOKIE, cookie, { secure: this.config.secureCookies });
    }
    return this.anonymous.tokenFor(cookie!);
  }

  private requireAnonymousCsrf(request: ConsoleRequest, token: unknown): void {
    const cookie = readCookie(request, SESSION_COOKIE);
    if (!AnonymousCsrf.isAnonymous(cookie) || !sameToken(token, this.anonymous.tokenFor(cookie!)))
      throw new ConsolePageError(403, 'csrf');
  }

  private renderLogin(
    request: ConsoleRequest,
    reply: FastifyReply,
    view: Record<string, unknown>,
    status = 200,
  ): void {
    const query = request.query as Record<string, string | undefined>;
    this.pages.send(
      request,
      reply,
      'login',
      {
        loginCsrf: this.anonymousToken(request, reply),
        ready: query.ready === '1',
        signedOut: query.signed_out === '1',
        ...view,
      },
      status,
    );
  }

  private renderSetPassword(
    request: ConsoleRequest,
    reply: FastifyReply,
    token: string,
    view: Record<string, unknown>,
    status = 200,
  ): void {
    this.pages.send(
      request,
      reply,
      'set-password',
      {
        loginCsrf: this.anonymousToken(request, reply),
        action: `/set-password/${encodeURIComponent(token)}`,
        ...view,
      },
      status,
    );
  }
}
