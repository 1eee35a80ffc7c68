import { ConsoleClient } from '../../libs/testing/src/console-client';

export interface DemoOperatorOptions {
  porticoUrl: string;
  adminToken: string;
  organizationId: string;
  email: string;
  /** The password to set if the operator is new (kept by the caller, e.g. in the run directory). */
  password: string;
}

/**
 * The demo organization's console admin, created the way a real one is: the admin API answers a
 * one-time set-password link, and the console's own form spends it. An operator who already set a
 * password keeps it (`existing`).
 */
export async function seedDemoOperator(
  options: DemoOperatorOptions,
): Promise<'created' | 'existing'> {
  const response = await fetch(
    `${options.porticoUrl}/admin/v1/organizations/${options.organizationId}/operators`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.adminToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ email: options.email, role: 'admin' }),
    },
  );
  if (response.status === 409) return 'existing';
  const body = (await response.json()) as { set_password_url?: string; message?: string };
  if (response.status !== 201 || !body.set_password_url)
    throw new Error(`inviting the demo operator: ${response.status} ${body.message ?? ''}`);
  const url = new URL(body.set_password_url);
  const result = await new ConsoleClient(url.origin).setPassword(url.href, options.password);
  if (result.status !== 303)
    throw new Error(`setting the demo operator's password: the console answered ${result.status}`);
  return 'created';
}
