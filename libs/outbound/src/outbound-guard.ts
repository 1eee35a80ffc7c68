import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { literalAddress, refusalOf } from './address-policy';
import { AllowList } from './allow-list';
import { OutboundRefusedError, OutboundRequestError } from './outbound-errors';

export interface OutboundGuardOptions {
  allowList?: AllowList;
  /** Plain `http:` is accepted only when this is true (development, tests); `https:` always. */
  allowHttp?: boolean;
  /** Sockets kept open per host for the next request (webhook bursts to one receiver). */
  maxSockets?: number;
}

export interface OutboundRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The whole exchange, connect to last byte read, must fit in this. */
  timeoutMs: number;
  /** Reading stops here; the response is marked truncated (what a log keeps is far less). */
  maxResponseBytes: number;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
  latencyMs: number;
}

/**
 * The one way Portico reaches a URL it was given by someone else (webhook endpoints, logos, a Lago
 * API URL). It refuses internal destinations unless allow-listed, and it checks the address it
 * actually connects to: the check runs inside the agents' DNS `lookup`, so a name cannot resolve
 * to a public address when validated and to 127.0.0.1 when connected (DNS rebinding). Redirects
 * are never followed (a 3xx is just the answer), and time and size are bounded.
 */
export class OutboundGuard {
  private readonly allowList: AllowList;
  private readonly allowHttp: boolean;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(options: OutboundGuardOptions = {}) {
    this.allowList = options.allowList ?? new AllowList();
    this.allowHttp = options.allowHttp ?? false;
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxSockets ?? 16,
      lookup: this.checkedLookup,
    };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
  }

  /**
   * Validates a URL before it is stored (e.g. a webhook endpoint): scheme, and every address its
   * host resolves to now. Requests are checked again at connect time; this gives early, clear errors.
   */
  async check(url: string): Promise<URL> {
    const parsed = this.parse(url);
    const host = parsed.hostname;
    if (this.allowList.allowsHost(host)) return parsed;
    const literal = literalAddress(host);
    const addresses = literal
      ? [literal]
      : await new Promise<string[]>((resolve, reject) =>
          dnsLookup(host, { all: true }, (error, found) =>
            error
              ? reject(new OutboundRefusedError(url, `its host does not resolve (${error.code})`))
              : resolve(found.map((a) => a.address)),
          ),
        );
    for (const address of addresses) this.assertAllowed(url, host, address);
    return parsed;
  }

  async request(url: string, request: OutboundRequest): Promise<OutboundResponse> {
    const parsed = this.parse(url);
    // Node never calls `lookup` for an IP literal: such hosts are checked here instead.
    const literal = literalAddress(parsed.hostname);
    if (literal && !this.allowList.allowsHost(parsed.hostname))
      this.assertAllowed(url, parsed.hostname, literal);
    const secure = parsed.protocol === 'https:';
    const started = performance.now();
    return new Promise<OutboundResponse>((resolve, reject) => {
      const req = (secure ? https : http).request(parsed, {
        method: request.method ?? 'GET',
        headers: {
          ...request.headers,
          ...(request.body !== undefined && {
            'content-length': String(Buffer.byteLength(request.body)),
          }),
        },
        agent: secure ? this.httpsAgent : this.httpAgent,
      });
      const timer = setTimeout(
        () =>
          req.destroy(
            new OutboundRequestError(`no complete answer within ${request.timeoutMs} ms`),
          ),
        request.timeoutMs,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error instanceof OutboundRefusedError ? error : describeNetworkError(error));
      };
      req.once('error', fail);
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const finish = () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            truncated,
            latencyMs: Math.round(performance.now() - started),
          });
        };
        res.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = request.maxResponseBytes - size;
          if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            truncated = true;
            // Enough read: drop the rest rather than keep a socket busy with it.
            res.destroy();
            finish();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        res.once('end', finish);
        res.once('error', (error) => {
          if (!truncated) fail(error);
        });
      });
      req.end(request.body);
    });
  }

  /** Closes kept-alive sockets (at shutdown). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private parse(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new OutboundRefusedError(url, 'not a valid URL');
    }
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && this.allowHttp)) {
      throw new OutboundRefusedError(
        url,
        this.allowHttp ? 'only http and https URLs are reached' : 'only https URLs are reached',
      );
    }
    if (parsed.username || parsed.password)
      throw new OutboundRefusedError(url, 'credentials in the URL are not accepted');
    return parsed;
  }

  private assertAllowed(url: string, host: string, address: string): void {
    if (this.allowList.allowsAddress(address)) return;
    const refusal = refusalOf(address);
    if (refusal) {
      const shown = host === address || `[${address}]` === host ? address : `${host} (${address})`;
      throw new OutboundRefusedError(
        url,
        `${shown} is a ${refusal} address; internal hosts are reached only when listed in OUTBOUND_ALLOWED_HOSTS`,
      );
    }
  }

  /** dns.lookup, but every address it yields must pass the policy, or the connection fails. */
  private readonly checkedLookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (!this.allowList.allowsHost(hostname)) {
        try {
          for (const { address } of addresses) this.assertAllowed(hostname, hostname, address);
        } catch (refused) {
          return callback(refused as NodeJS.ErrnoException, '', 0);
        }
      }
      if (options.all) return (callback as unknown as AllCallback)(null, addresses);
      const [first] = addresses;
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

type AllCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;

function describeNetworkError(error: Error): Error {
  if (error instanceof OutboundRequestError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new OutboundRequestError(code ? `${code}: ${error.message}` : error.message);
}
