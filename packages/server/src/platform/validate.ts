import type { z } from 'zod';
import { ValidationError } from './errors.js';

/** Parses input with its domain schema; a problem becomes a 400 naming the field (never a 500). */
export function validate<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const fields = r.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
  throw new ValidationError(fields.map((f) => f.message).join('；'), fields);
}
