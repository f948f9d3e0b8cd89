import type { TImportResult } from '@greenmes/contracts';
import { isApiError } from '../../../../api/api-error.ts';

/**
 * The ledgers' imports answer 400 with one detail per bad cell, its path `<sheet>.<row>.<column>`
 * (`rows.<row>.<column>` for a one-sheet file); the shared import dialog shows them as a result.
 */
export async function importErrorsFrom(request: Promise<TImportResult>): Promise<TImportResult> {
  try {
    return await request;
  } catch (error) {
    if (!isApiError(error) || error.status !== 400 || error.code !== 'VALIDATION') throw error;
    const errors = error.details.map((d) => {
      const [sheet = '', row = '0', ...column] = d.path.split('.');
      const name = column.join('.');
      return {
        row: Number(row),
        column: sheet === 'rows' ? name : `${sheet} · ${name}`,
        message: d.message,
      };
    });
    return { imported: 0, created: 0, updated: 0, errors };
  }
}
