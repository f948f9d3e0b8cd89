import { common } from './common.ts';
import { platform } from './platform.ts';
import { modeling } from './modeling.ts';

export const zhCN = { ...common, ...platform, ...modeling };
export type ZhCatalogue = typeof zhCN;
