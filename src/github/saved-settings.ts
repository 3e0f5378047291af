// What the main step of an action saves for its post step (GITHUB_STATE): written as JSON, parsed back with this schema.
import { z } from 'zod';

export const SavedSettings = z.object({
  mode: z.enum(['line', 'stage']),
  /** The stages this step was responsible for; null = the whole line. */
  stages: z.array(z.string()).nullable(),
  upload: z.boolean(),
  retentionDays: z.number().int().nullable(),
  deadlineMs: z.number().int().positive(),
});
export type SavedSettings = z.infer<typeof SavedSettings>;
