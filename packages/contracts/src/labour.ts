import { z } from 'zod';
import { ZCode, ZDate, ZId, ZName, ZOptionalText, ZPage, ZPageQuery, ZTimestamp } from './common.ts';

/**
 * People and labour definitions: grades, the skill catalogue, workers (operators) with badge and PIN,
 * and wage rates with effective periods — piece rates per operation (product and grade optional) and
 * hourly time rates per grade. Money is yuan as a decimal string, at most 4 fraction digits.
 */

/** Yuan as a decimal string (at most 8 integer and 4 fraction digits), never a float. */
export const ZMoney = z
  .string()
  .trim()
  .regex(/^\d{1,8}(\.\d{1,4})?$/, 'yuan: at most 8 integer and 4 fraction digits, not negative');
export const ZPercent = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'a percentage with at most 4 fraction digits')
  .refine((v) => Number(v) <= 100, 'at most 100 (%)');
/** A terminal PIN: 4 to 8 digits. */
export const ZPin = z.string().regex(/^\d{4,8}$/, '4 to 8 digits');
/** Skill codes are the routings' required-skill text ("数控车工 中级"), so any text, trimmed. */
export const ZSkillCode = z.string().trim().min(1).max(200);
/** What a badge or QR scanner types: printable, no spaces. */
export const ZBadgeCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces (what a scanner types)');

const ZBoolQuery = z.enum(['true', 'false']).optional();

// ---- grades ----
export const ZSaveGrade = z
  .object({
    code: ZCode.max(32),
    name: ZName,
    /** list order: lower first */
    sortOrder: z.number().int().min(0).max(9999).default(0),
    description: ZOptionalText,
  })
  .strict();
export type TSaveGrade = z.input<typeof ZSaveGrade>;
export const ZGrade = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  description: z.string().nullable(),
  workerCount: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TGrade = z.infer<typeof ZGrade>;

// ---- skills ----
export const ZSaveSkill = z.object({ code: ZSkillCode, name: ZName, description: ZOptionalText }).strict();
export type TSaveSkill = z.input<typeof ZSaveSkill>;
export const ZSkill = z.object({
  id: ZId,
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  workerCount: z.number().int(),
  /** routing operations (draft or active routings) that require it */
  operationCount: z.number().int(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TSkill = z.infer<typeof ZSkill>;
/** A skill the routings require, and whether the catalogue has it. */
export const ZRequiredSkill = z.object({
  code: z.string(),
  operationCount: z.number().int(),
  isInCatalogue: z.boolean(),
});
export type TRequiredSkill = z.infer<typeof ZRequiredSkill>;

// ---- workers ----
export const ZWorkerSkillInput = z
  .object({
    skillId: ZId,
    /** proficiency 1 (learning) … 5 (can teach) */
    level: z.number().int().min(1).max(5).default(3),
    /** last day it counts (a certificate's expiry); null = no expiry */
    validUntil: ZDate.nullable().optional(),
  })
  .strict();
export const ZSaveWorker = z
  .object({
    employeeNo: ZCode.max(32),
    name: ZName,
    /** a plant node (area, line or work center) */
    teamId: ZId.nullable().optional(),
    gradeId: ZId.nullable().optional(),
    userId: ZId.nullable().optional(),
    badgeCode: ZBadgeCode.nullable().optional(),
    /** sets (or replaces) the PIN; absent = unchanged. Never returned. */
    pin: ZPin.optional(),
    isActive: z.boolean().default(true),
    hireDate: ZDate.nullable().optional(),
    leaveDate: ZDate.nullable().optional(),
    phone: z.string().trim().max(40).nullable().optional(),
    description: ZOptionalText,
    skills: z.array(ZWorkerSkillInput).max(100).default([]),
  })
  .strict();
export type TSaveWorker = z.input<typeof ZSaveWorker>;
export type TSaveWorkerParsed = z.output<typeof ZSaveWorker>;

export const ZWorkerSkill = z.object({
  skillId: ZId,
  skillCode: z.string(),
  skillName: z.string(),
  level: z.number().int(),
  validUntil: ZDate.nullable(),
});
export type TWorkerSkill = z.infer<typeof ZWorkerSkill>;
export const ZWorker = z.object({
  id: ZId,
  employeeNo: z.string(),
  name: z.string(),
  teamId: ZId.nullable(),
  teamCode: z.string().nullable(),
  teamName: z.string().nullable(),
  gradeId: ZId.nullable(),
  gradeCode: z.string().nullable(),
  gradeName: z.string().nullable(),
  userId: ZId.nullable(),
  username: z.string().nullable(),
  badgeCode: z.string().nullable(),
  /** whether a PIN is set; the PIN itself never leaves the server */
  hasPin: z.boolean(),
  /** set while repeated wrong PINs keep the worker from signing in with a PIN */
  pinLockedUntil: ZTimestamp.nullable(),
  isActive: z.boolean(),
  hireDate: ZDate.nullable(),
  leaveDate: ZDate.nullable(),
  phone: z.string().nullable(),
  description: z.string().nullable(),
  skills: z.array(ZWorkerSkill),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TWorker = z.infer<typeof ZWorker>;
export const ZWorkerFilters = z
  .object({
    q: z.string().trim().max(100).optional(),
    /** the node or anywhere below it */
    teamId: ZId.optional(),
    gradeId: ZId.optional(),
    skillId: ZId.optional(),
    isActive: ZBoolQuery,
  })
  .strict();
export type TWorkerFilters = z.infer<typeof ZWorkerFilters>;
export const ZWorkerQuery = ZPageQuery.extend(ZWorkerFilters.shape).strict();
export type TWorkerQuery = z.infer<typeof ZWorkerQuery>;
export const ZWorkerPage = ZPage(ZWorker);
export const ZSetPin = z.object({ pin: ZPin }).strict();

/** Terminal sign-in: a badge scan, or employee number and PIN. */
export const ZWorkerSignIn = z.union([
  z.object({ badge: ZBadgeCode }).strict(),
  z.object({ employeeNo: z.string().trim().min(1).max(32), pin: z.string().max(8) }).strict(),
]);
export type TWorkerSignIn = z.infer<typeof ZWorkerSignIn>;
export const ZWorkerIdentity = ZWorker.pick({
  id: true,
  employeeNo: true,
  name: true,
  teamId: true,
  teamCode: true,
  teamName: true,
  gradeId: true,
  gradeCode: true,
  gradeName: true,
  skills: true,
});
export type TWorkerIdentity = z.infer<typeof ZWorkerIdentity>;

// ---- wage rates ----
export const SCRAP_POLICIES = ['none', 'deduct', 'pay_percent'] as const;
export const ZScrapPolicy = z.enum(SCRAP_POLICIES);
export type ScrapPolicy = z.infer<typeof ZScrapPolicy>;

const periodFields = {
  /** first day the rate applies (inclusive) */
  effectiveFrom: ZDate,
  /** last day it applies (inclusive); null = open-ended */
  effectiveTo: ZDate.nullable().optional(),
  description: ZOptionalText,
};

export const ZSavePieceRate = z
  .object({
    /** a routing operation's code (TURN, ASM…) */
    operationCode: ZCode.max(32),
    /** the product (material) the operation makes; null = any product */
    productId: ZId.nullable().optional(),
    /** null = any grade */
    gradeId: ZId.nullable().optional(),
    /** yuan per good unit */
    rate: ZMoney,
    scrapPolicy: ZScrapPolicy.default('none'),
    /** deduct: yuan taken off per scrap unit */
    scrapDeduction: ZMoney.nullable().optional(),
    /** pay_percent: % of the rate paid per scrap unit */
    scrapPayPercent: ZPercent.nullable().optional(),
    /** yuan per reworked unit */
    reworkRate: ZMoney.default('0'),
    ...periodFields,
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.scrapPolicy === 'deduct' && r.scrapDeduction == null)
      ctx.addIssue({ code: 'custom', path: ['scrapDeduction'], message: 'required when scrap is deducted' });
    if (r.scrapPolicy === 'pay_percent' && r.scrapPayPercent == null)
      ctx.addIssue({
        code: 'custom',
        path: ['scrapPayPercent'],
        message: 'required when scrap is paid at a %',
      });
    if (r.effectiveTo && r.effectiveTo < r.effectiveFrom)
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'must not be before effectiveFrom' });
  });
export type TSavePieceRate = z.input<typeof ZSavePieceRate>;
export type TSavePieceRateParsed = z.output<typeof ZSavePieceRate>;

export const ZPieceRate = z.object({
  id: ZId,
  operationCode: z.string(),
  productId: ZId.nullable(),
  productCode: z.string().nullable(),
  productName: z.string().nullable(),
  gradeId: ZId.nullable(),
  gradeCode: z.string().nullable(),
  gradeName: z.string().nullable(),
  rate: z.string(),
  scrapPolicy: ZScrapPolicy,
  scrapDeduction: z.string().nullable(),
  scrapPayPercent: z.string().nullable(),
  reworkRate: z.string(),
  effectiveFrom: ZDate,
  effectiveTo: ZDate.nullable(),
  description: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TPieceRate = z.infer<typeof ZPieceRate>;
export const ZPieceRateFilters = z
  .object({
    /** operation code or product code/name */
    q: z.string().trim().max(100).optional(),
    operationCode: z.string().trim().max(32).optional(),
    productId: ZId.optional(),
    gradeId: ZId.optional(),
    effectiveOn: ZDate.optional(),
  })
  .strict();
export const ZPieceRateQuery = ZPageQuery.extend(ZPieceRateFilters.shape).strict();
export type TPieceRateQuery = z.infer<typeof ZPieceRateQuery>;
export const ZPieceRatePage = ZPage(ZPieceRate);

export const ZSaveTimeRate = z
  .object({ gradeId: ZId, /** yuan per hour */ rate: ZMoney, ...periodFields })
  .strict()
  .superRefine((r, ctx) => {
    if (r.effectiveTo && r.effectiveTo < r.effectiveFrom)
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'must not be before effectiveFrom' });
  });
export type TSaveTimeRate = z.input<typeof ZSaveTimeRate>;
export type TSaveTimeRateParsed = z.output<typeof ZSaveTimeRate>;
export const ZTimeRate = z.object({
  id: ZId,
  gradeId: ZId,
  gradeCode: z.string(),
  gradeName: z.string(),
  rate: z.string(),
  effectiveFrom: ZDate,
  effectiveTo: ZDate.nullable(),
  description: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TTimeRate = z.infer<typeof ZTimeRate>;
export const ZTimeRateQuery = ZPageQuery.omit({ q: true })
  .extend({ gradeId: ZId.optional(), effectiveOn: ZDate.optional() })
  .strict();
export type TTimeRateQuery = z.infer<typeof ZTimeRateQuery>;
export const ZTimeRatePage = ZPage(ZTimeRate);

// ---- which rate applies ----
/** From most to least specific; the first one valid on the day wins. */
export const RATE_MATCHES = [
  'product_operation_grade',
  'product_operation',
  'operation_grade',
  'operation',
] as const;
export const ZRateMatch = z.enum(RATE_MATCHES);
export type RateMatch = z.infer<typeof ZRateMatch>;

export const ZRateResolveQuery = z
  .object({
    operationCode: z.string().trim().min(1).max(32),
    productId: ZId.optional(),
    gradeId: ZId.optional(),
    /** default: today in the enterprise's time zone */
    date: ZDate.optional(),
  })
  .strict();
export type TRateResolveQuery = z.infer<typeof ZRateResolveQuery>;

/** Why each piece rate of the operation code does or does not apply. */
export const RATE_VERDICTS = [
  'applies',
  'less_specific',
  'not_in_effect',
  'other_product',
  'other_grade',
] as const;
export const ZRateCandidate = z.object({
  rate: ZPieceRate,
  /** the level the rate is keyed at */
  match: ZRateMatch,
  verdict: z.enum(RATE_VERDICTS),
});
export type TRateCandidate = z.infer<typeof ZRateCandidate>;
export const ZRateResolution = z.object({
  date: ZDate,
  pieceRate: ZPieceRate.nullable(),
  match: ZRateMatch.nullable(),
  candidates: z.array(ZRateCandidate),
  /** the grade's hourly rate on the day, when a grade was given */
  timeRate: ZTimeRate.nullable(),
});
export type TRateResolution = z.infer<typeof ZRateResolution>;
