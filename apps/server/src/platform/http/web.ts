import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

/** Serves the built web app; unknown non-API paths get index.html so client-side routes work on reload. */
export async function registerWeb(app: FastifyInstance, distDir = DEFAULT_WEB_DIST): Promise<boolean> {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'web app not built; serving the API only (npm start builds it)');
    return false;
  }
  await app.register(fastifyStatic, { root: distDir, wildcard: false, index: ['index.html'] });
  return true;
}

export function isSpaRequest(method: string, url: string, accept: string | undefined): boolean {
  return method === 'GET' && !url.startsWith('/api/') && (accept ?? '').includes('text/html');
}
