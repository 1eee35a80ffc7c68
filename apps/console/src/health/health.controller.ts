import { Controller, Get, Res } from '@nestjs/common';
import { DomainError, healthCheckRpc } from '@portico/contracts';
import { AmqpConnection, ServiceClient } from '@portico/messaging';
import type { FastifyReply } from 'fastify';

const PROBE_TIMEOUT_MS = 2_000;

/** Liveness, and readiness = the broker is connected and customer-service answers. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly amqp: AmqpConnection,
    private readonly rpc: ServiceClient,
  ) {}

  @Get()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    let up = this.amqp.isConnected;
    if (up) {
      try {
        const health = await this.rpc.call(
          healthCheckRpc('customer-service'),
          {},
          { timeoutMs: PROBE_TIMEOUT_MS },
        );
        up = health.status === 'up';
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        up = false;
      }
    }
    void reply.status(up ? 200 : 503).send({ status: up ? 'ok' : 'unavailable' });
  }
}
