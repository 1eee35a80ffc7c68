/** A minimal client for Portico's REST and admin APIs, as an operator's script would use them. */
export class PorticoHttp {
  constructor(private readonly baseUrl: string) {}

  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text for the error message */
    }
    return { status: response.status, body: parsed as T };
  }

  /** Like call, but anything outside 2xx is an error naming the request. */
  async expect<T = Record<string, unknown>>(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.call<T>(method, path, token, body);
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }
}
