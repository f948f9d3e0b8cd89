import { ensureTemplate } from './pglite-template.ts';

export default async function setup() {
  if (!process.env.DATABASE_URL) await ensureTemplate();
}
