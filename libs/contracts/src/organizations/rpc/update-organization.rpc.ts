import { z } from 'zod';
import { organizationViewSchema, updateOrganizationSchema } from '../organization.schema';
import { defineRpc } from '../../kit/rpc-contract';

const organizationId = z.string().min(1).max(63);

export const UpdateOrganization = defineRpc({
  name: 'customer-service.organizations.update.v1',
  service: 'customer-service',
  request: z.object({ organization_id: organizationId, changes: updateOrganizationSchema }),
  response: z.object({ organization: organizationViewSchema }),
});
