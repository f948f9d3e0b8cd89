import type { Factory } from './factory.ts';

/** Every machine's controller values; machines the cloud has no device for yet get `PLC-<equipment code>`. */
export function controllerValues(f: Factory) {
  return f.machines.map((m) => ({ ...m.values(), controller: m.spec.controller ?? `PLC-${m.spec.code}` }));
}
