import { z } from 'zod';
import { organizationViewSchema } from '../../organizations/organization.schema';
import { defineRpc } from '../../rpc-contract';

const organizationId = z.string().min(1).max(63);

export const GetOrganization = defineRpc({
  name: 'customer-service.organizations.get.v1',
  service: 'customer-service',
  request: z.object({ organization_id: organizationId }),
  response: z.object({ organization: organizationViewSchema }),
});
