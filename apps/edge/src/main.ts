import { ConfigError, loadConfig } from './config/config.ts';
import { startGateway } from './gateway.ts';

const file = process.argv[2] ?? process.env.GREENMES_EDGE_CONFIG ?? 'gateway.json';
let config;
try {
  config = loadConfig(file);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
const gateway = await startGateway({ config });
console.log(`edge gateway ${config.gateway.gatewayCode} started (${gateway.adapters.length} adapters)`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    gateway.status();
    gateway
      .stop()
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        console.error(e);
        process.exit(1);
      });
  });
