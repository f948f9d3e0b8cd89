import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { materialsApi } from '../../../modeling/api/materials-api.ts';
import { usePlantTree } from '../../../modeling/hooks/use-modeling-queries.ts';

/** Sites, and sites with their areas (where saving projects are carried out), as select options. */
export function usePlantOptions() {
  const tree = usePlantTree();
  return useMemo(() => {
    const nodes = tree.data?.nodes ?? [];
    const label = (n: { code: string; name: string }) => `${n.code} ${n.name}`;
    return {
      sites: nodes.filter((n) => n.kind === 'site').map((n) => ({ value: n.id, label: label(n) })),
      places: nodes
        .filter((n) => n.kind === 'site' || n.kind === 'area')
        .map((n) => ({ value: n.id, label: n.kind === 'area' ? `└ ${label(n)}` : label(n) })),
    };
  }, [tree.data]);
}

/** The finished products, whose output is the per-product denominator. */
export function useFinishedProducts() {
  return useQuery({
    queryKey: ['modeling', 'materials', 'finished-options'],
    queryFn: ({ signal }) => materialsApi.list({ type: 'finished', pageSize: 200 }, signal),
    select: (page) => page.items,
  });
}
