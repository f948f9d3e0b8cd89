import type { TExplosionNode, TMaterialRequirement } from '@greenmes/contracts';
import { AppError } from '../../platform/http/errors.ts';
import { add, div, mul, parseDecimal, scrapFactor, toDecimal, ZERO, type Rational } from './rational.ts';

export interface ExplosionMaterial {
  id: string;
  code: string;
  name: string;
  type: TExplosionNode['materialType'];
  unitCode: string;
}
export interface ExplosionLine {
  lineNo: number;
  componentId: string;
  /** in the line's unit */
  quantity: string;
  /** the line unit's base factor ÷ the component unit's base factor, as decimals */
  lineUnitFactor: string;
  componentUnitFactor: string;
  scrapPercent: string;
  operationSeq: number | null;
}
export interface ExplosionBom {
  id: string;
  version: string;
  baseQuantity: string;
  lines: ExplosionLine[];
}

/** Deeper than any real product; the save-time cycle check makes this a guard, not a rule. */
const MAX_LEVELS = 30;

/**
 * Explodes `quantity` of a product through its BOM and, below it, each component's BOM as `bomOf`
 * gives it (the version effective on the date). Each line: net = parent gross ÷ base quantity ×
 * line quantity (converted to the component's unit), gross = net × (1 + scrap%). Pure and exact;
 * the requirement list sums the exact grosses per material before rounding.
 */
export function explode(o: {
  productId: string;
  quantity: string;
  topBom: ExplosionBom | null;
  bomOf: (materialId: string) => ExplosionBom | null;
  material: (id: string) => ExplosionMaterial;
}): { tree: TExplosionNode; requirements: TMaterialRequirement[]; exact: Map<string, Rational> } {
  const sums = new Map<string, { gross: Rational; levels: Set<number>; isMade: boolean }>();
  const node = (
    materialId: string,
    bom: ExplosionBom | null,
    level: number,
    net: Rational,
    gross: Rational,
    line: ExplosionLine | null,
    path: string[],
  ): TExplosionNode => {
    const m = o.material(materialId);
    if (level > 0) {
      const s = sums.get(materialId) ?? { gross: ZERO, levels: new Set(), isMade: bom !== null };
      s.gross = add(s.gross, gross);
      s.levels.add(level);
      sums.set(materialId, s);
    }
    if (path.includes(m.code) || level > MAX_LEVELS)
      throw new AppError('BAD_HIERARCHY', {
        reason: `the BOM structure loops or is too deep: ${[...path, m.code].join(' → ')}`,
      });
    const children = bom
      ? bom.lines.map((l) => {
          const childNet = mul(
            div(mul(gross, parseDecimal(l.quantity)), parseDecimal(bom.baseQuantity)),
            div(parseDecimal(l.lineUnitFactor), parseDecimal(l.componentUnitFactor)),
          );
          const childGross = mul(childNet, scrapFactor(l.scrapPercent));
          return node(l.componentId, o.bomOf(l.componentId), level + 1, childNet, childGross, l, [
            ...path,
            m.code,
          ]);
        })
      : [];
    return {
      materialId,
      materialCode: m.code,
      materialName: m.name,
      materialType: m.type,
      unitCode: m.unitCode,
      level,
      lineNo: line?.lineNo ?? null,
      operationSeq: line?.operationSeq ?? null,
      scrapPercent: line ? toDecimal(parseDecimal(line.scrapPercent)) : '0',
      netQuantity: toDecimal(net),
      grossQuantity: toDecimal(gross),
      bomId: bom?.id ?? null,
      bomVersion: bom?.version ?? null,
      children,
    };
  };
  const q = parseDecimal(o.quantity);
  const tree = node(o.productId, o.topBom, 0, q, q, null, []);
  const exact = new Map([...sums].map(([id, s]) => [id, s.gross]));
  const requirements = [...sums].map(([id, s]) => {
    const m = o.material(id);
    return {
      materialId: id,
      materialCode: m.code,
      materialName: m.name,
      materialType: m.type,
      unitCode: m.unitCode,
      grossQuantity: toDecimal(s.gross),
      isMade: s.isMade,
      levels: [...s.levels].sort((a, b) => a - b),
    };
  });
  requirements.sort((a, b) => a.materialCode.localeCompare(b.materialCode));
  return { tree, requirements, exact };
}
