import { common, errors } from './common.ts';
import { platform } from './platform.ts';
import { modeling } from './modeling.ts';
import { telemetry } from './telemetry.ts';
import { alarms } from './alarms.ts';

export const zhCN = { ...common, ...errors, ...platform, ...modeling, ...telemetry, ...alarms };
export type ZhCatalogue = typeof zhCN;
