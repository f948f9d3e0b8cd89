import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './config.ts';

export const validConfig = () => ({
  gateway: { cloudUrl: 'mqtt://127.0.0.1:18830', token: 'gmd_x', tenantCode: 'acme', gatewayCode: 'GW-1' },
  queue: { dir: './queue' },
  adapters: [
    {
      kind: 'modbus',
      name: 'meter',
      host: '127.0.0.1',
      device: 'PM-01',
      registers: [{ metric: 'kw', address: 0, type: 'float32', deadband: 0.1 }],
    },
    {
      kind: 'mqtt',
      name: 'gas',
      url: 'mqtt://127.0.0.1:18831',
      topics: [{ topic: 'line1/gas', device: 'GAS-01', map: [{ path: '$.gas_flow_m3h', metric: 'flow' }] }],
    },
  ],
});

function problems(json: unknown): string[] {
  try {
    parseConfig({ json });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('gateway config', () => {
  it('applies defaults', () => {
    const c = parseConfig({ json: validConfig() });
    expect(c.queue).toMatchObject({ maxAgeHours: 168, fsyncIntervalMs: 200 });
    expect(c.uplink.samplesPerMessage).toBe(500);
    const modbus = c.adapters[0]!;
    expect(modbus.kind === 'modbus' && modbus.registers[0]).toMatchObject({
      byteOrder: 'BE',
      wordOrder: 'BE',
      scale: 1,
      table: 'holding',
      keepAliveS: 300,
    });
  });

  it('names the JSON path and the reason', () => {
    const json = validConfig() as { adapters: Array<Record<string, unknown>> };
    (json.adapters[0]!.registers as Array<Record<string, unknown>>)[0]!.type = 'int64';
    json.adapters[1]!.topics = [{ topic: 't', device: 'D', map: [{ path: 'gas', metric: 'f' }] }];
    const p = problems(json);
    expect(p).toHaveLength(2);
    expect(p[0]).toMatch(/^adapters\[0\]\.registers\[0\]\.type: .*int16.*float32/);
    expect(p[1]).toMatch(/^adapters\[1\]\.topics\[0\]\.map\[0\]\.path: a JSON path/);
  });

  it('rejects unknown keys and missing sections', () => {
    expect(problems({ ...validConfig(), extra: 1 })[0]).toMatch(/^\(root\): .*extra/);
    const { gateway: _g, ...rest } = validConfig();
    expect(problems(rest)[0]).toMatch(/^gateway: /);
  });

  it('loads a file, resolving the queue dir beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-config-'));
    const file = join(dir, 'gateway.json');
    writeFileSync(file, JSON.stringify(validConfig()));
    expect(loadConfig(file).queue.dir).toBe(join(dir, 'queue'));
    writeFileSync(file, '{ nope');
    expect(() => loadConfig(file)).toThrow(/not valid JSON/);
  });
});

describe('gateway.example.json', () => {
  it('is a valid config (the README documents it)', () => {
    const c = loadConfig(join(import.meta.dirname, '../../gateway.example.json'));
    expect(c.adapters.map((a) => a.kind)).toEqual(['modbus', 'mqtt', 'opcua']);
  });
});
