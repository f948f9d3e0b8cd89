import { z } from 'zod';

export const ZId = z.uuid();

/** Business codes: what people type on labels and in Excel; unique per tenant where stated. */
export const ZCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/,
    'letters, digits and . _ - / only, starting with a letter or digit',
  );

export const ZName = z.string().trim().min(1).max(200);
export const ZOptionalText = z.string().trim().max(2000).nullable().optional();

/** Calendar date as YYYY-MM-DD (no time zone: commissioning dates, phase-out dates). */
export const ZDate = z.iso.date();
export const ZTimestamp = z.string().describe('ISO 8601 timestamp');

/** Decimal quantities travel as strings so no binary float touches them. */
export const ZDecimal = z
  .string()
  .trim()
  .regex(/^-?\d{1,12}(\.\d{1,6})?$/, 'a decimal number with at most 12 integer and 6 fraction digits');
export const ZNonNegativeDecimal = ZDecimal.refine((v) => !v.startsWith('-'), 'must not be negative');

export const ZPageQuery = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
    q: z.string().trim().max(100).optional(),
  })
  .strict();
export type TPageQuery = z.infer<typeof ZPageQuery>;

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
export interface TPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const ZIdParams = z.object({ id: ZId }).strict();

export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

export const ZOk = z.object({ ok: z.literal(true) });

/** Result of an Excel import: nothing is written unless every row is valid. */
export const ZImportResult = z.object({
  imported: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string().optional(), message: z.string() })),
});
export type TImportResult = z.infer<typeof ZImportResult>;
