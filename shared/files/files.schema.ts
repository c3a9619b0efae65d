import { z } from 'zod';

export const FileView = z.object({ id: z.string(), name: z.string(), mime: z.string(), sizeBytes: z.number().int(), createdAt: z.string() });
export type FileView = z.infer<typeof FileView>;
export const FileUploadQuery = z.strictObject({ name: z.string().trim().min(1).max(200) });
export const FileIdParam = z.strictObject({ id: z.uuid() });
