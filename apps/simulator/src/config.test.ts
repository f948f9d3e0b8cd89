import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('applies defaults away from the well-known ports', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      SIM_SPEED: 1,
      SIM_MODBUS_PORT: 15020,
      SIM_OPCUA_PORT: 14840,
      SIM_TICK_MS: 1000,
    });
    expect(c.SIM_MQTT_URL).toBeUndefined();
  });

  it('coerces numbers and names every bad variable', () => {
    expect(parseConfig({ SIM_SPEED: '1440', SIM_SEED: '7' })).toMatchObject({ SIM_SPEED: 1440, SIM_SEED: 7 });
    expect(() =>
      parseConfig({ SIM_SPEED: 'fast', SIM_MODBUS_PORT: '70000', SIM_MQTT_URL: 'http://x' }),
    ).toThrow(/SIM_SPEED[\s\S]*SIM_MODBUS_PORT[\s\S]*SIM_MQTT_URL/);
  });
});
