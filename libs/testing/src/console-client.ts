export interface ConsoleResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The synchronizer token of the page's forms, if it has any. */
  csrf?: string;
}

/**
 * A browser-less operator of the console: keeps its cookies, reads each page's form token and
 * posts forms as a browser would (urlencoded, no redirects followed).
 */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  private lastCsrf?: string;

  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  get sessionCookie(): string | undefined {
    return this.cookies.get('portico_console');
  }

  get csrf(): string | undefined {
    return this.lastCsrf;
  }

  async get(path: string): Promise<ConsoleResponse> {
    return this.send('GET', path);
  }

  /** Posts a form; `_csrf` is the last page's token unless given (or `null` to leave it out). */
  async post(
    path: string,
    fields: Record<string, string | string[]> = {},
    { csrf }: { csrf?: string | null } = {},
  ): Promise<ConsoleResponse> {
    const token = csrf === null ? undefined : (csrf ?? this.lastCsrf);
    const body = new URLSearchParams(token ? { _csrf: token } : {});
    // A list is a repeated field, as a group of ticked checkboxes posts it.
    for (const [name, value] of Object.entries(fields))
      for (const one of [value].flat()) body.append(name, one);
    return this.send('POST', path, body.toString());
  }

  async login(email: string, password: string): Promise<ConsoleResponse> {
    await this.get('/login');
    return this.post('/login', { email, password });
  }

  /** Opens a set-password link and chooses the password. */
  async setPassword(url: string, password: string): Promise<ConsoleResponse> {
    const path = new URL(url).pathname;
    await this.get(path);
    return this.post(path, { password, confirm: password });
  }

  private async send(method: string, path: string, body?: string): Promise<ConsoleResponse> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...this.headers,
        ...(this.cookies.size > 0 && {
          cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        }),
        ...(body !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const [name, value] = [pair.slice(0, index).trim(), pair.slice(index + 1).trim()];
      if (attributes.some((a) => a.trim().toLowerCase() === 'max-age=0')) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (csrf) this.lastCsrf = csrf;
    return { status: response.status, headers: response.headers, text, csrf };
  }
}
