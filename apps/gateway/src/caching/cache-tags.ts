/**
 * The tags of the gateway's replica caches: what a change announcement names. An entry tagged
 * with an organization is stale when that organization changes; with a customer, when it does.
 */
export const organizationTag = (organizationId: string) => `organization:${organizationId}`;

export const customerTag = (organizationId: string, externalCustomerId: string) =>
  `customer:${organizationId}\u0000${externalCustomerId}`;

/** `tagsOf` for a cache keyed `organization\0customer\0…` (ids cannot hold NUL: storableText). */
export const customerOfKey = (_value: unknown, key: string): string[] => {
  const [organizationId, externalCustomerId] = key.split('\u0000');
  return [customerTag(organizationId!, externalCustomerId!)];
};
