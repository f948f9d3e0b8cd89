import { createServer } from 'node:net';
import { Aedes } from 'aedes';

export interface PlantBroker {
  url: string;
  close(): Promise<void>;
}

/**
 * The plant's local MQTT broker, for a demo without one: the simulator's sensors publish to it and the edge
 * gateway's MQTT adapter subscribes to it. Anonymous; bind it to loopback.
 */
export async function startPlantBroker({ host, port }: { host: string; port: number }): Promise<PlantBroker> {
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`SIM_MQTT_BROKER_PORT ${port} is already in use; set it to a free port`)
          : err,
      ),
    );
    server.listen(port, host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `mqtt://${host}:${bound}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
