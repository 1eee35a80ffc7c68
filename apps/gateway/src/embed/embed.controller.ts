import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readEmbedScript } from './embed-script';

/** The script host pages load to mount the portal (see embed.js). */
@ApiExcludeController()
@Controller()
export class EmbedController {
  private readonly script = readEmbedScript();

  @Get('embed.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  // Public and short-lived: hosts pick up a new version within minutes, without a versioned URL.
  @Header('cache-control', 'public, max-age=300')
  @Header('x-content-type-options', 'nosniff')
  @Header('cross-origin-resource-policy', 'cross-origin')
  embedScript(): string {
    return this.script;
  }
}
