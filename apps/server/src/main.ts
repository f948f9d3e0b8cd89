import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './platform/config/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { ensureOperator } from './modules/platform/tenants.service.ts';
import { seedDemo } from './modules/demo/demo.seed.ts';
import { prepareDemoHistory } from './modules/demo/demo-history.seed.ts';
import { syncBuiltinRoles } from './modules/platform/tenant-defaults.ts';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    schema: config.DB_SCHEMA,
    poolMax: config.DB_POOL_MAX,
  });
  const { applied } = await migrate(database);
  await syncBuiltinRoles(database.db);
  const app = await buildApp({ config, database });
  if (applied.length) app.log.info({ applied }, 'migrations applied');

  const operator = await ensureOperator({
    db: database.db,
    username: config.GREENMES_OPERATOR_USERNAME,
    password: config.GREENMES_OPERATOR_PASSWORD,
  });
  if (operator.created && operator.generatedPassword)
    console.log(
      `\nSystem operator created: ${config.GREENMES_OPERATOR_USERNAME} / ${operator.generatedPassword}\n` +
        '(shown once; set GREENMES_OPERATOR_PASSWORD before the first start to choose it)\n',
    );
  const demo = config.GREENMES_DEMO
    ? await seedDemo({ db: database.db, password: config.GREENMES_DEMO_PASSWORD })
    : null;
  // the demo's meter history: its first reading before the server listens, the rest in the background
  const demoHistory =
    demo && config.GREENMES_DEMO_HISTORY_DAYS > 0
      ? await prepareDemoHistory({
          days: config.GREENMES_DEMO_HISTORY_DAYS,
          db: database.db,
          writer: app.telemetry.module.writer,
          jobs: app.telemetry.jobs,
          log: app.log,
        })
      : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    await app.close(); // stops accepting, waits for in-flight requests
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(
        `Port ${config.PORT} is already in use. Stop the other process or set PORT to a free port.`,
      );
      await database.close();
      process.exit(1);
    }
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  console.log(`\nGreenMES is running at http://localhost:${port}`);
  console.log(
    `  database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL'}`,
  );
  if (demo)
    console.log(
      `  demo login: enterprise "${demo.tenant}", user "${demo.username}", password "${demo.password}"`,
    );
  const mqtt = app.telemetry.module.mqtt;
  console.log(
    `  MQTT: ${mqtt.kind === 'embedded' ? `embedded broker on mqtt://localhost:${mqtt.port}` : `consuming from ${config.MQTT_URL}`}`,
  );
  console.log(`  API docs: http://localhost:${port}/api/docs\n`);
  if (demoHistory)
    demoHistory().catch((err: unknown) => {
      if (!closing) app.log.error({ err }, 'demo history not completed; the next start resumes it');
    });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('GreenMES failed to start:', err);
  process.exit(1);
});
