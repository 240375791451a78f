import { z } from 'zod';
import { DISCOVERY_PROTOCOLS } from './types';

export const DiscoveryRequest = z
  .object({
    cidr: z.string().trim().min(1, 'cidr is required, e.g. 192.168.1.0/24').max(50),
    ports: z.array(z.number().int().min(1).max(65535)).min(1).max(8, 'at most 8 ports per scan').optional(),
    protocols: z.array(z.enum(DISCOVERY_PROTOCOLS)).min(1).optional(),
    /** Scanning outside private address space needs this and the admin role. */
    allowPublic: z.boolean().optional(),
  })
  .strict();
export type DiscoveryRequest = z.infer<typeof DiscoveryRequest>;

export const DiscoveryAdd = z
  .object({
    siteId: z.number().int().positive(),
    /** Model for items that name none and have no suggested model. */
    modelId: z.number().int().positive().optional(),
    rackId: z.number().int().positive().nullable().optional(),
    items: z
      .array(
        z
          .object({
            host: z.string().min(1).max(253),
            port: z.number().int().min(1).max(65535),
            modelId: z.number().int().positive().optional(),
            name: z.string().trim().min(1).max(100).optional(),
          })
          .strict(),
      )
      .min(1, 'pick at least one found device')
      .max(1024),
  })
  .strict();
export type DiscoveryAdd = z.infer<typeof DiscoveryAdd>;
