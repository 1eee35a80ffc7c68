import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type ConsoleSessionView } from '@portico/contracts';
import { randomBytes } from 'node:crypto';
import { newId } from '../common/new-id';
import { ConsoleSessionEvents } from './console-session-events';
import { toOperatorView } from '../operators/operator-views';
import { OperatorsRepository, type OperatorRecord } from '../operators/operators.repository';
import { OperatorsService, sha256 } from '../operators/operators.service';
import {
  ConsoleSessionsRepository,
  type ConsoleSessionRecord,
} from './console-sessions.repository';

/** `last_seen_at` is written at most this often: a page view is not worth a write. */
const TOUCH_EVERY_MS = 60_000;

const EXPIRED = () => new DomainError(ErrorCode.Unauthorized, 'the console session has ended');

/** Server-side console sessions: revocable, with an idle timeout and an absolute lifetime. */
@Injectable()
export class ConsoleSessionsService {
  constructor(
    private readonly repository: ConsoleSessionsRepository,
    private readonly operators: OperatorsService,
    private readonly operatorRecords: OperatorsRepository,
    private readonly events: ConsoleSessionEvents,
  ) {}

  async open(input: {
    email: string;
    password: string;
    idle_timeout_seconds: number;
    lifetime_seconds: number;
  }): Promise<{ token: string; session: ConsoleSessionView }> {
    const operator = await this.operators.authenticate(input.email, input.password);
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const session: ConsoleSessionRecord = {
      _id: newId('cs'),
      token_sha256: sha256(token),
      organization_id: operator.organization_id,
      operator_id: operator._id,
      csrf_token: randomBytes(24).toString('base64url'),
      created_at: now,
      last_seen_at: now,
      idle_timeout_seconds: input.idle_timeout_seconds,
      expires_at: new Date(now.getTime() + input.lifetime_seconds * 1_000),
      closed_at: null,
    };
    await this.repository.insert(session);
    return { token, session: toSessionView(session, operator) };
  }

  async resolve(token: string, now = new Date()): Promise<ConsoleSessionView> {
    const session = await this.repository.findOpenByToken(sha256(token));
    if (!session) throw EXPIRED();
    const idleUntil = session.last_seen_at.getTime() + session.idle_timeout_seconds * 1_000;
    if (now >= session.expires_at || now.getTime() >= idleUntil) {
      await this.repository.close(session._id, now);
      throw EXPIRED();
    }
    // A removed operator's sessions are closed on removal; this catches a race with it.
    const operator = await this.operatorRecords.findById(
      session.organization_id,
      session.operator_id,
    );
    if (!operator) throw EXPIRED();
    if (now.getTime() - session.last_seen_at.getTime() >= TOUCH_EVERY_MS)
      await this.repository.touch(session._id, now);
    return toSessionView(session, operator);
  }

  async close(token: string, scope: 'this' | 'all'): Promise<number> {
    const session = await this.repository.findOpenByToken(sha256(token));
    if (!session) return 0;
    if (scope === 'this') {
      const closed = await this.repository.close(session._id, new Date());
      await this.events.changed(session.organization_id, session.operator_id, session._id);
      return closed;
    }
    return this.closeAllOf(session.organization_id, session.operator_id);
  }

  async closeAllOf(organizationId: string, operatorId: string): Promise<number> {
    const closed = await this.repository.closeAllOf(organizationId, operatorId, new Date());
    await this.events.changed(organizationId, operatorId);
    return closed;
  }

  /** The operator's role changed: consoles that cached its sessions must ask again. */
  operatorChanged(organizationId: string, operatorId: string): Promise<void> {
    return this.events.changed(organizationId, operatorId);
  }
}

function toSessionView(
  session: ConsoleSessionRecord,
  operator: OperatorRecord,
): ConsoleSessionView {
  return {
    id: session._id,
    operator: toOperatorView(operator),
    csrf_token: session.csrf_token,
    expires_at: session.expires_at.toISOString(),
  };
}
