/**
 * `node --import ./bench/edge/without-opcua.ts`: the gateway with its OPC UA adapter module replaced by a
 * stub, so node-opcua is never loaded (the bench configures no OPC UA adapter). Measures what loading
 * node-opcua only when an OPC UA adapter is configured would save; BENCH_EDGE_WITHOUT_OPCUA=1.
 */
import { register } from 'node:module';

const STUB = `export class OpcuaAdapter { constructor() { throw new Error('node-opcua stubbed out by the benchmark'); } }`;
const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === './adapters/opcua.ts' && context.parentURL?.endsWith('/apps/edge/src/gateway.ts'))
    return { url: 'data:text/javascript,' + encodeURIComponent(${JSON.stringify(STUB)}), shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
