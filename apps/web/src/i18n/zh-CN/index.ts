import { common, errors } from './common.ts';
import { platform } from './platform.ts';
import { modeling } from './modeling.ts';
import { telemetry } from './telemetry.ts';

export const zhCN = { ...common, ...errors, ...platform, ...modeling, ...telemetry };
export type ZhCatalogue = typeof zhCN;
