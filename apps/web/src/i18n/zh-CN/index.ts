import { common, errors } from './common.ts';
import { platform } from './platform.ts';
import { modeling } from './modeling.ts';

export const zhCN = { ...common, ...errors, ...platform, ...modeling };
export type ZhCatalogue = typeof zhCN;
