import type { DefinitionStatus } from '@greenmes/contracts';

export const STATUS_COLOR: Record<DefinitionStatus, string> = {
  draft: 'default',
  active: 'success',
  obsolete: 'error',
};
