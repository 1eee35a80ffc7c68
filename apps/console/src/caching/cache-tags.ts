/**
 * The tags of the console's replica caches: what a change announcement names. An entry tagged
 * with an organization is stale when that organization changes; with a customer, when it does;
 * with an operator or a session, when customer-service announces its sessions changed.
 */
export const organizationTag = (organizationId: string) => `organization:${organizationId}`;

export const customerTag = (organizationId: string, externalCustomerId: string) =>
  `customer:${organizationId}\u0000${externalCustomerId}`;

export const operatorTag = (organizationId: string, operatorId: string) =>
  `operator:${organizationId}\u0000${operatorId}`;

export const sessionTag = (sessionId: string) => `session:${sessionId}`;
