/**
 * The limit the job-report route is compared with: a bare Fastify 5 route in its own process — parse a
 * JSON body of the same shape, answer 201 with a small JSON — no auth, no validation, no database.
 * Prints its port on stdout once listening.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/bare', async (req, reply) => {
  const body = req.body as { clientId?: string };
  return reply.status(201).send({ ok: true, clientId: body.clientId ?? null });
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
console.log(typeof address === 'object' && address ? address.port : '');
