import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { ZGatewayConfig, type TGatewayConfig } from './config.schema.ts';

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid gateway config ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** `adapters[1].registers[3].type` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}

export function formatIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
}

/** Validates a parsed config; `file` only names it in errors. Relative queue dirs resolve against the file. */
export function parseConfig({ json, file = '(config)' }: { json: unknown; file?: string }): TGatewayConfig {
  const parsed = ZGatewayConfig.safeParse(json);
  if (!parsed.success) throw new ConfigError(file, formatIssues(parsed.error.issues));
  const config = parsed.data;
  for (const [i, a] of config.adapters.entries())
    if (a.reconnectMaxMs < a.reconnectMinMs)
      throw new ConfigError(file, [`adapters[${i}].reconnectMaxMs: must be ≥ reconnectMinMs`]);
  if (file !== '(config)') config.queue.dir = resolve(dirname(file), config.queue.dir);
  return config;
}

export function loadConfig(file: string): TGatewayConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(file, [`cannot read: ${(e as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(file, [`not valid JSON: ${(e as Error).message}`]);
  }
  return parseConfig({ json, file });
}
