import { sql, type SQL } from 'drizzle-orm';

export const pageWindow = ({ page, pageSize }: { page: number; pageSize: number }) => ({
  limit: pageSize,
  offset: (page - 1) * pageSize,
});

/** ILIKE pattern for a user's search text, with LIKE's wildcards taken literally. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const countAll = sql<number>`count(*)::int`;

export const whereAll = (conditions: Array<SQL | undefined>) =>
  conditions.filter((c): c is SQL => c !== undefined);
