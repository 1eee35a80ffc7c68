/** The services that answer RPCs; each one's queues are named after it. */
export const SERVICE_NAMES = ['customer-service', 'invoice-service'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
