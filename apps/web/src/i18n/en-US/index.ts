import type { Messages } from '../messages.ts';
import type { ZhCatalogue } from '../zh-CN/index.ts';
import { common } from './common.ts';
import { platform } from './platform.ts';
import { modeling } from './modeling.ts';

export const enUS: Messages<ZhCatalogue> = { ...common, ...platform, ...modeling };
