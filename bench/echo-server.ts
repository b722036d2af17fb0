import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server } from 'socket.io';

/**
 * The yardstick of `bench/load.ts`: a raw socket.io server on a loopback port that speaks the /chat
 * protocol's shape (a `session` on connect; `send` acknowledged, then the visitor's message and one reply
 * broadcast as `message` events) and does nothing else. Tells its parent `{ready, url, rssMb}`.
 */
const started = performance.now();
const http = createServer();
const io = new Server(http, { serveClient: false });
const rssMb = () => Math.round(process.memoryUsage().rss / 1e5) / 10;

io.of('/chat').on('connection', (socket) => {
  let seq = 0;
  socket.emit('session', { visitorToken: randomUUID(), conversationId: null, messages: [] });
  socket.on('send', (payload: { id?: string; text?: string }, ack?: (r: unknown) => void) => {
    const id = typeof payload?.id === 'string' ? payload.id : null;
    const messageId = randomUUID();
    ack?.({ ok: true, id, messageId, duplicate: false });
    const now = new Date().toISOString();
    socket.emit('message', {
      id: messageId,
      seq: ++seq,
      role: 'visitor',
      text: payload?.text ?? '',
      html: null,
      clientId: id,
      createdAt: now,
    });
    socket.emit('message', {
      id: randomUUID(),
      seq: ++seq,
      role: 'bot',
      text: payload?.text ?? '',
      html: `<p>${payload?.text ?? ''}</p>`,
      clientId: null,
      createdAt: now,
    });
  });
});

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({
    ready: true,
    url: `http://127.0.0.1:${port}`,
    startMs: performance.now() - started,
    rssMb: rssMb(),
  });
});
process.on('message', (msg: { cmd?: string }) => {
  if (msg.cmd === 'rss') process.send?.({ rssMb: rssMb() });
  if (msg.cmd === 'stop') {
    void io.close();
    process.exit(0);
  }
});
