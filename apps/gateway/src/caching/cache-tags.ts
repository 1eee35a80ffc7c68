/**
 * The tags of the gateway's replica caches: what a change announcement names. An entry tagged
 * with an organization is stale when that organization changes; with a customer, when it does.
 */
export const organizationTag = (organizationId: string) => `organization:${organizationId}`;

export const customerTag = (organizationId: string, externalCustomerId: string) =>
  `customer:${organizationId}\u0000${externalCustomerId}`;
