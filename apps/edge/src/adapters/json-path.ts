/** `$.a.b[0]` → ['a', 'b', 0]; the config schema has already checked the syntax. */
export function parseJsonPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.slice(1).matchAll(/\.([A-Za-z_][\w-]*)|\[(\d+)\]/g))
    out.push(m[1] !== undefined ? m[1] : Number(m[2]));
  return out;
}

export function readJsonPath(doc: unknown, path: Array<string | number>): unknown {
  let cur = doc;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}
