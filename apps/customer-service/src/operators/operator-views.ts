import type { OperatorView } from '@portico/contracts';
import type { OperatorRecord } from './operators.repository';

/** The one way an operator leaves this service: without its password hash or link token. */
export function toOperatorView(operator: OperatorRecord): OperatorView {
  return {
    id: operator._id,
    organization_id: operator.organization_id,
    email: operator.email,
    role: operator.role,
    active: operator.password_hash !== null,
    created_at: operator.created_at.toISOString(),
  };
}
