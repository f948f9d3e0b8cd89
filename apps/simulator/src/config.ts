import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

/** Environment of the simulator; defaults avoid the well-known ports (1883, 502, 4840) other services own. */
export const ZSimulatorConfig = z.object({
  SIM_SEED: z.coerce.number().int().default(20261123),
  SIM_SPEED: z.coerce.number().positive().max(86_400).default(1),
  SIM_START: z.iso.datetime({ offset: true }).optional().describe('simulated start instant; default now'),
  SIM_TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  SIM_HOST: z.string().min(1).default('127.0.0.1'),
  SIM_MODBUS_PORT: port.default(15020),
  SIM_OPCUA_PORT: port.default(14840),
  SIM_MQTT_URL: z.url({ protocol: /^(mqtts?|wss?|tcp)$/ }).optional(),
  /** set: run a plant broker on this port (on SIM_HOST) and publish to it unless SIM_MQTT_URL says otherwise */
  SIM_MQTT_BROKER_PORT: port.optional(),
  SIM_MQTT_PREFIX: z.string().min(1).default('factory'),
  /** JSON { "PM-MAIN/kwh": 123.4, … }: counter readings to continue from (npm start writes it from the cloud) */
  SIM_COUNTERS_FILE: z.string().min(1).optional(),
});
export type TSimulatorConfig = z.infer<typeof ZSimulatorConfig>;

export function parseConfig(env: Record<string, string | undefined>): TSimulatorConfig {
  const picked = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('SIM_') && v !== ''));
  const result = ZSimulatorConfig.safeParse(picked);
  if (!result.success)
    throw new Error(
      `Invalid simulator configuration:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  return result.data;
}
