import { z } from 'zod';
import { pageQuerySchema, paginationMetaSchema } from '../../common-schemas';
import { organizationViewSchema } from '../../organizations/organization.schema';
import { defineRpc } from '../../rpc-contract';

export const ListOrganizations = defineRpc({
  name: 'customer-service.organizations.list.v1',
  service: 'customer-service',
  request: pageQuerySchema,
  response: z.object({
    organizations: z.array(organizationViewSchema),
    meta: paginationMetaSchema,
  }),
});
