import { z } from 'zod';
import { pageQuerySchema, paginationMetaSchema } from '../../kit/common-schemas';
import { organizationViewSchema } from '../organization.schema';
import { defineRpc } from '../../kit/rpc-contract';

export const ListOrganizations = defineRpc({
  name: 'customer-service.organizations.list.v1',
  service: 'customer-service',
  request: pageQuerySchema,
  response: z.object({
    organizations: z.array(organizationViewSchema),
    meta: paginationMetaSchema,
  }),
});
