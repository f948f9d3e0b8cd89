export * from './common.ts';
export * from './permissions.ts';
export * from './energy-media.ts';
export * from './energy.ts';
export * from './platform.ts';
export * from './modeling.ts';
export * from './telemetry.ts';
export * from './alarms.ts';
