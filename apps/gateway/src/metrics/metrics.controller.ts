import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { renderMetrics } from '@portico/runtime';
import type { FastifyReply } from 'fastify';

/**
 * Prometheus scrapes this on each gateway instance. Not part of the public API: route only the
 * API and portal paths through the public load balancer (see docs/operations.md).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('cache-control', 'no-store')
  async metrics(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { contentType, body } = await renderMetrics();
    void reply.header('content-type', contentType);
    return body;
  }
}
