import { z } from 'zod';
import { organizationViewSchema } from '../organization.schema';
import { defineRpc } from '../../kit/rpc-contract';

const organizationId = z.string().min(1).max(63);

export const GetOrganization = defineRpc({
  name: 'customer-service.organizations.get.v1',
  service: 'customer-service',
  request: z.object({ organization_id: organizationId }),
  response: z.object({ organization: organizationViewSchema }),
});
