import { parseConfig } from './config.ts';
import { startSimulator } from './simulator.ts';

let config;
try {
  config = parseConfig(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}

const sim = await startSimulator(config);
console.log(
  `simulator: seed ${config.SIM_SEED}, speed ×${config.SIM_SPEED}; Modbus TCP ${config.SIM_HOST}:${config.SIM_MODBUS_PORT}, ` +
    `OPC UA ${sim.opcuaEndpointUrl}, MQTT ${sim.mqttUrl ?? 'off (set SIM_MQTT_URL or SIM_MQTT_BROKER_PORT)'}` +
    `${sim.runsBroker ? ' (plant broker run by the simulator)' : ''}`,
);

let isStopping = false;
async function stop(signal: string) {
  if (isStopping) return;
  isStopping = true;
  console.log(`simulator: ${signal}, stopping`);
  await sim.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
