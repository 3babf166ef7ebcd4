// The reference point of bench/intake.mjs: a bare Fastify 5 server with one JSON endpoint, GET /hello, no logger,
// no plugins. `node bench/hello-server.mjs <port>`; prints "listening" when ready; stops on SIGTERM.
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 3111);
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port, host: '127.0.0.1' });
console.log(`listening on 127.0.0.1:${port}`);
process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
