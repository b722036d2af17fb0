import { io, type Socket } from 'socket.io-client';

/**
 * The attacker of `bench/flood.ts`, in its own process: `sockets` socket.io clients on /chat from this
 * address, each sending `messages` messages at once on the parent's go. Bounded: it exits after 60 s.
 */
interface Counts {
  connected: number;
  refused: number;
  accepted: number;
  limited: number;
  failed: number;
  /** Unanswered: the server disconnected the socket (it kept sending while refused). */
  dropped: number;
}

const [url = '', socketsArg = '200', messagesArg = '20'] = process.argv.slice(2);
const counts: Counts = { connected: 0, refused: 0, accepted: 0, limited: 0, failed: 0, dropped: 0 };
const deadline = setTimeout(() => process.exit(1), 60_000);
const sockets: Socket[] = [];

function connect(): Promise<Socket | null> {
  const s = io(`${url}/chat`, { transports: ['websocket'], forceNew: true, reconnection: false });
  sockets.push(s);
  return new Promise((resolve) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', () => resolve(null));
  });
}

async function main(): Promise<void> {
  const opened = await Promise.all(Array.from({ length: Number(socketsArg) }, () => connect()));
  const live = opened.filter((s): s is Socket => s !== null);
  counts.connected = live.length;
  counts.refused = opened.length - live.length;
  process.send?.({ ready: true });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const acks: Array<Promise<void>> = [];
  for (const [i, s] of live.entries())
    for (let m = 0; m < Number(messagesArg); m++)
      acks.push(
        s
          .timeout(30_000)
          .emitWithAck('send', { id: `f${i}x${m}`, text: `How do I reset my password ${m}?` })
          .then((ack: { ok: boolean; error?: { code: string } }) => {
            if (ack.ok) counts.accepted++;
            else if (ack.error?.code === 'RATE_LIMITED') counts.limited++;
            else counts.failed++;
          })
          .catch(() => {
            if (s.connected) counts.failed++;
            else counts.dropped++;
          }),
      );
  await Promise.all(acks);
  for (const s of sockets) s.close();
  process.send?.({ done: counts });
  clearTimeout(deadline);
}

await main();
