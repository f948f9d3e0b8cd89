/**
 * Every literal key passed to t('…') must exist in the Chinese catalogue (the English one is held to
 * the same shape by its type). Dynamic keys (`equipment.status.${s}`) are checked by their prefix.
 * Run: npx tsx apps/web/scripts/check-i18n-keys.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zhCN } from '../src/i18n/zh-CN/index.ts';

const src = fileURLToPath(new URL('../src', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

function lookup(key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], zhCN);
}

const missing: string[] = [];
for (const file of files(src)) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(?:\bt\(|labelKey: |\? )['`]([a-zA-Z]+\.[\w.${}]+)['`]/g)) {
    const key = match[1] ?? '';
    const staticPart = key.includes('${') ? key.slice(0, key.indexOf('${')).replace(/\.$/, '') : key;
    const value = lookup(staticPart);
    const ok = key.includes('${') ? typeof value === 'object' && value !== null : typeof value === 'string';
    if (!ok) missing.push(`${file.slice(src.length + 1)}: ${key}`);
  }
}
if (missing.length) {
  console.error(`Missing translation keys:\n${missing.join('\n')}`);
  process.exit(1);
}
console.log('All translation keys exist.');
