import { sql } from 'drizzle-orm';
import type { TEnergyYearSettings, TEnergyYearSettingsResult } from '@greenmes/contracts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { queryRows, toIso } from '../../platform/db/rows.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { YearFactors } from './calc/engine.ts';
import { ELECTRICITY_EQUAL_VALUE, GRID_FACTORS, HEAT_FACTOR, YEAR_DEFAULTS } from './factors/library.ts';

interface YearRow {
  year: number;
  grid_factor_key: string;
  electricity_equal_value: number;
  heat_factor: number;
  note: string | null;
  updated_by: string | null;
  updated_at: Date | string;
}

/** The calendar year now in the enterprise's time zone (Settings; default Asia/Shanghai). */
export async function reportingYear(ctx: Ctx): Promise<number> {
  const [row] = await queryRows<{ year: number }>(
    ctx.tx,
    sql`SELECT extract(year FROM now() AT TIME ZONE coalesce(
          (SELECT value #>> '{}' FROM tenant_settings WHERE key = 'timezone'), 'Asia/Shanghai'))::int AS year`,
  );
  return row!.year;
}

const gridValue = (key: string) =>
  GRID_FACTORS.get(key)?.value ?? GRID_FACTORS.get(YEAR_DEFAULTS.gridFactorKey)!.value;

export async function getYearSettings(ctx: Ctx, year: number): Promise<TEnergyYearSettingsResult> {
  const [row] = await queryRows<YearRow>(
    ctx.tx,
    sql`SELECT s.year, s.grid_factor_key, s.electricity_equal_value, s.heat_factor, s.note, u.username AS updated_by, s.updated_at
        FROM energy_year_settings s LEFT JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.updated_by
        WHERE s.year = ${year}`,
  );
  if (!row)
    return {
      year,
      ...YEAR_DEFAULTS,
      gridEmissionFactorTco2PerMWh: gridValue(YEAR_DEFAULTS.gridFactorKey),
      note: null,
      isDefault: true,
      updatedBy: null,
      updatedAt: null,
    };
  return {
    year: row.year,
    gridFactorKey: row.grid_factor_key,
    electricityEqualValueKgcePerKwh: row.electricity_equal_value,
    heatEmissionFactorTco2PerGj: row.heat_factor,
    gridEmissionFactorTco2PerMWh: gridValue(row.grid_factor_key),
    note: row.note,
    isDefault: false,
    updatedBy: row.updated_by,
    updatedAt: toIso(row.updated_at),
  };
}

export async function listYearSettings(ctx: Ctx): Promise<TEnergyYearSettingsResult[]> {
  const years = await queryRows<{ year: number }>(
    ctx.tx,
    sql`SELECT year FROM energy_year_settings ORDER BY year DESC`,
  );
  return Promise.all(years.map((y) => getYearSettings(ctx, y.year)));
}

export async function putYearSettings(
  ctx: Ctx,
  year: number,
  input: TEnergyYearSettings,
): Promise<TEnergyYearSettingsResult> {
  if (input.year !== year)
    throw new AppError('VALIDATION', {}, [
      { path: 'body.year', message: `must equal the year in the path, ${year}` },
    ]);
  if (!GRID_FACTORS.has(input.gridFactorKey))
    throw new AppError('VALIDATION', {}, [
      {
        path: 'body.gridFactorKey',
        message: `unknown grid factor ${input.gridFactorKey}: see GET /api/v1/energy/factors`,
      },
    ]);
  const before = await getYearSettings(ctx, year);
  await queryRows(
    ctx.tx,
    sql`INSERT INTO energy_year_settings (tenant_id, year, grid_factor_key, electricity_equal_value, heat_factor, note, updated_by)
        VALUES (${ctx.actor.tenantId}, ${year}, ${input.gridFactorKey}, ${input.electricityEqualValueKgcePerKwh},
                ${input.heatEmissionFactorTco2PerGj}, ${input.note ?? null}, ${ctx.actor.userId})
        ON CONFLICT (tenant_id, year) DO UPDATE SET grid_factor_key = EXCLUDED.grid_factor_key,
          electricity_equal_value = EXCLUDED.electricity_equal_value, heat_factor = EXCLUDED.heat_factor,
          note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`,
  );
  const after = await getYearSettings(ctx, year);
  await recordAudit(ctx, {
    action: 'update',
    entityType: 'energy_year_settings',
    entityId: String(year),
    before: before.isDefault ? undefined : before,
    after,
  });
  return after;
}

/** The factors a calculation uses where the request gives none: the tenant's choice for the year. */
export async function yearFactors(ctx: Ctx, year?: number): Promise<YearFactors> {
  const s = await getYearSettings(ctx, year ?? (await reportingYear(ctx)));
  const how = s.isDefault ? `library default for ${s.year}` : `enterprise setting for ${s.year}`;
  const grid = GRID_FACTORS.get(s.gridFactorKey);
  return {
    electricityEqualValueKgcePerKwh: {
      value: s.electricityEqualValueKgcePerKwh,
      source: s.isDefault ? `${ELECTRICITY_EQUAL_VALUE.source} (${how})` : how,
    },
    gridEmissionFactorTco2PerMWh: {
      value: s.gridEmissionFactorTco2PerMWh,
      source: `${grid?.name ?? s.gridFactorKey}, ${grid?.source ?? ''} (${how})`,
    },
    heatEmissionFactorTco2PerGj: {
      value: s.heatEmissionFactorTco2PerGj,
      source: s.isDefault ? `${HEAT_FACTOR.source} (${how})` : how,
    },
  };
}
