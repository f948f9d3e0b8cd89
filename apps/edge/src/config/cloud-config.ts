import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ZCloudConfigDocument, type TGatewayConfig } from './config.schema.ts';
import { ConfigError, formatIssues, parseConfig } from './config.ts';

/** A configuration version pulled from the cloud (`GET /api/v1/edge/config`). */
export interface CloudConfigVersion {
  version: number;
  config: unknown;
}

/** The last applied cloud document, kept beside the queue's segments (the queue ignores other files). */
export const APPLIED_FILE = 'cloud-config.json';

/**
 * The local config with the cloud document's adapters (and statusIntervalS, when given) in place of the
 * file's; gateway, queue and uplink stay local. Throws a ConfigError naming the JSON path of each problem.
 */
export function mergeCloudConfig(local: TGatewayConfig, v: CloudConfigVersion): TGatewayConfig {
  const label = `cloud config v${v.version}`;
  const doc = ZCloudConfigDocument.safeParse(v.config);
  if (!doc.success) throw new ConfigError(label, formatIssues(doc.error.issues));
  const merged = parseConfig({
    json: {
      ...local,
      adapters: doc.data.adapters,
      statusIntervalS: doc.data.statusIntervalS ?? local.statusIntervalS,
    },
    file: label,
  });
  merged.queue.dir = local.queue.dir;
  return merged;
}

export function loadApplied(queueDir: string): CloudConfigVersion | null {
  try {
    const v = JSON.parse(readFileSync(join(queueDir, APPLIED_FILE), 'utf8')) as CloudConfigVersion;
    return Number.isInteger(v.version) ? v : null;
  } catch {
    return null;
  }
}

/** temp file + fsync + rename + fsync of the directory: a crash leaves the old or the new version. */
export function saveApplied(queueDir: string, v: CloudConfigVersion): void {
  mkdirSync(queueDir, { recursive: true });
  const tmp = join(queueDir, `${APPLIED_FILE}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify({ version: v.version, config: v.config }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(queueDir, APPLIED_FILE));
  const dir = openSync(queueDir, 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** The gateway's pull: the latest version newer than `have`, or null when there is none. */
export async function fetchCloudConfig({
  baseUrl,
  token,
  have,
}: {
  baseUrl: string;
  token: string;
  have: number;
}): Promise<CloudConfigVersion | null> {
  const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/api/v1/edge/config?have=${have}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(15_000),
  });
  if (res.status === 204 || res.status === 404) return null;
  if (res.status !== 200) throw new Error(`GET /api/v1/edge/config: HTTP ${res.status}`);
  const body = (await res.json()) as CloudConfigVersion;
  if (!Number.isInteger(body.version)) throw new Error('GET /api/v1/edge/config: no version in the answer');
  return { version: body.version, config: body.config };
}
