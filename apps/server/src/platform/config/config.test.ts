import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has defaults for a fresh machine', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      GREENMES_DEMO: true,
      GREENMES_DEMO_PASSWORD: 'greenmes-demo',
    });
  });

  it('names the variable and the reason for a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT=70000: Too big/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL=mysql:\/\/x: must be a postgres/,
    );
    expect(() => loadConfig({ GREENMES_DEMO: 'maybe' })).toThrow(/GREENMES_DEMO=maybe/);
  });
});
