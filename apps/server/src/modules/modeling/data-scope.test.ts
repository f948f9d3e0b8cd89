import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../platform/auth/actor.ts';
import { descendantsOf, isAllowed, isVisible, scopeOf } from './data-scope.ts';

const nodes = [
  { id: 'site', parentId: null },
  { id: 'mc', parentId: 'site' },
  { id: 'mc-l1', parentId: 'mc' },
  { id: 'mc-l1-wc', parentId: 'mc-l1' },
  { id: 'as', parentId: 'site' },
];
const ctxWith = (dataScopeNodeIds: string[] | null) => ({ actor: { dataScopeNodeIds } }) as unknown as Ctx;

describe('data scope', () => {
  it('collects a subtree', () => {
    expect([...descendantsOf(nodes, ['mc'])].sort()).toEqual(['mc', 'mc-l1', 'mc-l1-wc']);
  });

  it('allows the scoped subtree, shows its ancestors, hides the rest', () => {
    const scope = scopeOf(ctxWith(['mc']), nodes);
    expect(isAllowed(scope, 'mc-l1-wc')).toBe(true);
    expect(isAllowed(scope, 'site')).toBe(false);
    expect(isVisible(scope, 'site')).toBe(true);
    expect(isVisible(scope, 'as')).toBe(false);
  });

  it('is unrestricted when the user has no scope, and empty when the scoped node is gone', () => {
    expect(isAllowed(scopeOf(ctxWith(null), nodes), 'as')).toBe(true);
    expect(isVisible(scopeOf(ctxWith(['deleted']), nodes), 'site')).toBe(false);
  });
});
