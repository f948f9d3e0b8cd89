import { z } from 'zod';
import { ZCode, ZId, ZName, ZOptionalText, ZTimestamp } from './common.ts';

// ---- reason codes the shop floor picks from: scrap (validated on job reports) and pause ----
export const REASON_CODE_KINDS = ['scrap', 'pause'] as const;
export const ZReasonCodeKind = z.enum(REASON_CODE_KINDS);
export type ReasonCodeKind = z.infer<typeof ZReasonCodeKind>;

export const ZSaveReasonCode = z
  .object({
    kind: ZReasonCodeKind,
    code: ZCode.max(32),
    name: ZName,
    /** list order at the terminal: lower first */
    sortOrder: z.number().int().min(0).max(9999).default(0),
    /** an inactive code is no longer offered nor accepted on new reports */
    isActive: z.boolean().default(true),
    description: ZOptionalText,
  })
  .strict();
export type TSaveReasonCode = z.input<typeof ZSaveReasonCode>;

export const ZReasonCode = z.object({
  id: ZId,
  kind: ZReasonCodeKind,
  code: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  isActive: z.boolean(),
  description: z.string().nullable(),
  /** job reports that name it (scrap codes only; pauses keep their reason as text) */
  reportCount: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TReasonCode = z.infer<typeof ZReasonCode>;

export const ZReasonCodeQuery = z
  .object({
    kind: ZReasonCodeKind.optional(),
    /** 'true': only the codes the terminal offers */
    active: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type TReasonCodeQuery = z.infer<typeof ZReasonCodeQuery>;
