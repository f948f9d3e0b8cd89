import { z } from 'zod';
import {
  ZCode,
  ZDate,
  ZId,
  ZName,
  ZNonNegativeDecimal,
  ZOptionalText,
  ZPage,
  ZPageQuery,
  ZTimestamp,
} from './common.ts';
import { ZMaterialType } from './modeling.ts';

// ---- shared by BOMs and routings: versions with a status and an effective period ----
export const DEFINITION_STATUSES = ['draft', 'active', 'obsolete'] as const;
export const ZDefinitionStatus = z.enum(DEFINITION_STATUSES);
export type DefinitionStatus = z.infer<typeof ZDefinitionStatus>;
/** The allowed moves; anything else is a 409. Only drafts are edited; obsolete is final. */
export const DEFINITION_TRANSITIONS: Record<DefinitionStatus, DefinitionStatus[]> = {
  draft: ['active', 'obsolete'],
  active: ['obsolete'],
  obsolete: [],
};
export const ZDefinitionTransition = z.object({ status: ZDefinitionStatus }).strict();
export type TDefinitionTransition = z.infer<typeof ZDefinitionTransition>;
/** A new draft copied from an existing version (the way to change an active one). */
export const ZCopyDefinition = z.object({ version: ZCode.max(32) }).strict();
export type TCopyDefinition = z.infer<typeof ZCopyDefinition>;

const ZPositiveDecimal = ZNonNegativeDecimal.refine(
  (v) => !/^0*(\.0*)?$/.test(v),
  'must be greater than zero',
);
const ZScrapPercent = ZNonNegativeDecimal.refine((v) => Number(v) < 100, 'must be below 100 (%)');

const versionFields = {
  productId: ZId,
  version: ZCode.max(32),
  /** first day the version applies (inclusive) */
  effectiveFrom: ZDate,
  /** last day it applies (inclusive); null = open-ended */
  effectiveTo: ZDate.nullable().optional(),
  description: ZOptionalText,
};

const ZVersionHeader = z.object({
  id: ZId,
  productId: ZId,
  productCode: z.string(),
  productName: z.string(),
  productType: ZMaterialType,
  productUnitCode: z.string(),
  version: z.string(),
  status: ZDefinitionStatus,
  effectiveFrom: ZDate,
  effectiveTo: ZDate.nullable(),
  description: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

const versionFilters = {
  q: z.string().trim().max(100).optional(),
  productId: ZId.optional(),
  status: ZDefinitionStatus.optional(),
  /** versions whose effective period contains this day */
  effectiveOn: ZDate.optional(),
};

// ---- bills of materials ----
export const ZBomLineInput = z
  .object({
    componentId: ZId,
    /** per the header's base quantity of the product, in `unitId` */
    quantity: ZPositiveDecimal,
    /** of the same dimension as the component's unit; default the component's unit */
    unitId: ZId.optional(),
    /** planned loss in %: gross = quantity × (1 + scrap% / 100) */
    scrapPercent: ZScrapPercent.optional(),
    /** the routing operation (seq no.) that consumes the component */
    operationSeq: z.number().int().min(1).max(99_999).nullable().optional(),
    note: ZOptionalText,
  })
  .strict();
export type TBomLineInput = z.infer<typeof ZBomLineInput>;

export const ZSaveBom = z
  .object({
    ...versionFields,
    /** the product quantity the line quantities are for (say 1 set, or 100 kg) */
    baseQuantity: ZPositiveDecimal.default('1'),
    lines: z.array(ZBomLineInput).max(1000),
  })
  .strict();
export type TSaveBom = z.input<typeof ZSaveBom>;
export type TSaveBomParsed = z.output<typeof ZSaveBom>;

export const ZBomLine = z.object({
  lineNo: z.number().int(),
  componentId: ZId,
  componentCode: z.string(),
  componentName: z.string(),
  componentType: ZMaterialType,
  quantity: z.string(),
  unitId: ZId,
  unitCode: z.string(),
  scrapPercent: z.string(),
  operationSeq: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type TBomLine = z.infer<typeof ZBomLine>;

export const ZBomSummary = ZVersionHeader.extend({ baseQuantity: z.string(), lineCount: z.number().int() });
export type TBomSummary = z.infer<typeof ZBomSummary>;
export const ZBom = ZBomSummary.extend({ lines: z.array(ZBomLine) });
export type TBom = z.infer<typeof ZBom>;
export const ZBomPage = ZPage(ZBomSummary);

export const ZBomFilters = z.object(versionFilters).strict();
export type TBomFilters = z.infer<typeof ZBomFilters>;
export const ZBomQuery = ZPageQuery.omit({ q: true }).extend(versionFilters).strict();
export type TBomQuery = z.infer<typeof ZBomQuery>;

// ---- explosion ----
export const ZExplosionQuery = z
  .object({
    /** explode the product's version effective on `date` … */
    productId: ZId.optional(),
    /** … or this version (a draft, say) at the top and the effective versions below */
    bomId: ZId.optional(),
    quantity: ZPositiveDecimal.default('1'),
    /** default today in the enterprise's time zone */
    date: ZDate.optional(),
  })
  .strict();
export type TExplosionQuery = z.infer<typeof ZExplosionQuery>;

export interface TExplosionNode {
  materialId: string;
  materialCode: string;
  materialName: string;
  materialType: z.infer<typeof ZMaterialType>;
  unitCode: string;
  level: number;
  /** the BOM line it comes from (null at the top) */
  lineNo: number | null;
  operationSeq: number | null;
  scrapPercent: string;
  /** quantity × parent requirement ÷ base quantity, in the material's unit */
  netQuantity: string;
  /** net × (1 + scrap%): what must be made or issued */
  grossQuantity: string;
  /** the version exploded below this node; null = no active version on the date (bought, or missing) */
  bomId: string | null;
  bomVersion: string | null;
  children: TExplosionNode[];
}
export const ZExplosionNode: z.ZodType<TExplosionNode> = z.lazy(() =>
  z.object({
    materialId: ZId,
    materialCode: z.string(),
    materialName: z.string(),
    materialType: ZMaterialType,
    unitCode: z.string(),
    level: z.number().int(),
    lineNo: z.number().int().nullable(),
    operationSeq: z.number().int().nullable(),
    scrapPercent: z.string(),
    netQuantity: z.string(),
    grossQuantity: z.string(),
    bomId: ZId.nullable(),
    bomVersion: z.string().nullable(),
    children: z.array(ZExplosionNode),
  }),
);

export const ZMaterialRequirement = z.object({
  materialId: ZId,
  materialCode: z.string(),
  materialName: z.string(),
  materialType: ZMaterialType,
  unitCode: z.string(),
  /** summed over every place the material occurs, exact before rounding */
  grossQuantity: z.string(),
  /** true when it has its own BOM on the date (made, not bought) */
  isMade: z.boolean(),
  /** the levels it occurs at */
  levels: z.array(z.number().int()),
});
export type TMaterialRequirement = z.infer<typeof ZMaterialRequirement>;

export const ZExplosion = z.object({
  date: ZDate,
  quantity: z.string(),
  tree: ZExplosionNode,
  requirements: z.array(ZMaterialRequirement),
  /** semi-finished components with no active BOM on the date */
  warnings: z.array(z.object({ materialCode: z.string(), message: z.string() })),
});
export type TExplosion = z.infer<typeof ZExplosion>;

// ---- routings ----
/** A non-negative decimal a numeric(p, 3) column holds: at most `integerDigits` before the point, 3 after. */
const ZStandardTime = (integerDigits: number) =>
  ZNonNegativeDecimal.refine(
    (v) => new RegExp(`^\\d{1,${integerDigits}}(\\.\\d{1,3})?$`).test(v),
    `at most ${integerDigits} integer and 3 fraction digits`,
  );

export const ZRoutingOperationInput = z
  .object({
    seqNo: z.number().int().min(1).max(99_999),
    code: ZCode.max(32),
    name: ZName,
    /** a plant node of kind work_center */
    workCenterId: ZId,
    /** numeric(12, 3) */
    setupMinutes: ZStandardTime(9).default('0'),
    /** numeric(14, 3) */
    runSecondsPerUnit: ZStandardTime(11).default('0'),
    requiredSkill: z.string().trim().max(200).nullable().optional(),
    isInspectionPoint: z.boolean().default(false),
    description: ZOptionalText,
  })
  .strict();
export type TRoutingOperationInput = z.input<typeof ZRoutingOperationInput>;

export const ZSaveRouting = z
  .object({ ...versionFields, operations: z.array(ZRoutingOperationInput).max(500) })
  .strict();
export type TSaveRouting = z.input<typeof ZSaveRouting>;
export type TSaveRoutingParsed = z.output<typeof ZSaveRouting>;

export const ZRoutingOperation = z.object({
  seqNo: z.number().int(),
  code: z.string(),
  name: z.string(),
  workCenterId: ZId,
  workCenterCode: z.string(),
  workCenterName: z.string(),
  setupMinutes: z.string(),
  runSecondsPerUnit: z.string(),
  requiredSkill: z.string().nullable(),
  isInspectionPoint: z.boolean(),
  description: z.string().nullable(),
});
export type TRoutingOperation = z.infer<typeof ZRoutingOperation>;

export const ZRoutingSummary = ZVersionHeader.extend({ operationCount: z.number().int() });
export type TRoutingSummary = z.infer<typeof ZRoutingSummary>;
export const ZRouting = ZRoutingSummary.extend({ operations: z.array(ZRoutingOperation) });
export type TRouting = z.infer<typeof ZRouting>;
export const ZRoutingPage = ZPage(ZRoutingSummary);
export const ZRoutingQuery = ZPageQuery.omit({ q: true })
  .extend({ ...versionFilters, workCenterId: ZId.optional() })
  .strict();
export type TRoutingQuery = z.infer<typeof ZRoutingQuery>;
/** The routing list's filters without paging: what the Excel export takes. */
export const ZRoutingFilters = ZRoutingQuery.omit({ page: true, pageSize: true });
export type TRoutingFilters = z.infer<typeof ZRoutingFilters>;
