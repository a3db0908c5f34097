// receiver.mjs: receives LaaS webhooks with node:http: verify, skip what was already processed (by
// webhook-id), process, answer 2xx. LAAS_WEBHOOK_SECRET=whsec_... PORT=3000 node receiver.mjs
import { createServer } from 'node:http';
import { verifyWebhook } from './verify.mjs';

const secret = process.env.LAAS_WEBHOOK_SECRET;
// In memory for the example; in production, a table with webhook-id as unique key, written with the effect.
const processed = new Set();

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (!verifyWebhook(secret, req.headers, body)) {
      res.writeHead(401).end(); // LaaS does not retry a 4xx
      return;
    }
    const id = req.headers['webhook-id'];
    if (!processed.has(id)) {
      const event = JSON.parse(body.toString('utf8'));
      console.log(`received ${event.type} ${id}`); // your handling here: short, or queue the work
      processed.add(id);
    }
    res.writeHead(204).end(); // also for a duplicate: it was handled before
  });
});

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on ${server.address().port}`);
});
