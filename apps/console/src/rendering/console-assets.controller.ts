import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ConsoleAssets } from './console-assets';

/** Static and public, versioned by the `?v=` the pages add: cached for a year. */
@Controller('console-assets')
export class ConsoleAssetsController {
  constructor(private readonly assets: ConsoleAssets) {}

  @Get(':name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    const asset = this.assets.get(name);
    if (!asset) throw new NotFoundException();
    void reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('cross-origin-resource-policy', 'same-origin')
      .send(asset.body);
  }
}
