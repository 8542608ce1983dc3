/** Messages between the drift view and the host (one union per direction). */
import { z } from 'zod';
import type { DriftResult } from './fileTasks';

export type HostToDrift = { type: 'drift'; referenceFile: string; currentFile: string; result: DriftResult };

export const driftToHostSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('ready') }), z.object({ type: z.literal('open'), which: z.enum(['reference', 'current']) })]);
export type DriftToHost = z.infer<typeof driftToHostSchema>;
