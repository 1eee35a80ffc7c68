import { z } from 'zod';
import { createOrganizationSchema, organizationViewSchema } from '../organization.schema';
import { defineRpc } from '../../kit/rpc-contract';

export const CreateOrganization = defineRpc({
  name: 'customer-service.organizations.create.v1',
  service: 'customer-service',
  request: createOrganizationSchema,
  response: z.object({ organization: organizationViewSchema, api_key: z.string() }),
});
