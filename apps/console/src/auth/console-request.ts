import type { ConsoleSessionView, OperatorRole } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';

export type ConsoleRequest = FastifyRequest & {
  /** Set by ConsoleSessionGuard on every signed-in route. */
  consoleSession?: ConsoleSessionView;
};

/** What each role may do (issue #17): admin everything, member customers, viewer read only. */
export const CAN = {
  editCustomers: (role: OperatorRole) => role === 'admin' || role === 'member',
  manageOrganization: (role: OperatorRole) => role === 'admin',
};

export function sessionOf(request: ConsoleRequest): ConsoleSessionView {
  if (!request.consoleSession) throw new Error('route is missing ConsoleSessionGuard');
  return request.consoleSession;
}

/** Form fields as strings (the urlencoded parser gives exactly that). */
export function formOf(request: FastifyRequest): Record<string, string> {
  const body = request.body;
  return body && typeof body === 'object' ? (body as Record<string, string>) : {};
}
