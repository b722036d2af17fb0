import { WebSocketServer, type ServerOptions } from 'ws';

/**
 * socket.io's WebSocket server (its `wsEngine`) with ws's `allowSynchronousEvents` off: a socket's
 * messages are handed over one per turn of the event loop. Without it, every message a client wrote at
 * once is handled before any other socket is read: a flood of 200 sockets × 20 messages from one address
 * kept the loop busy for 0.2–0.8 s in one go, and other visitors' replies waited behind it. With it, each
 * turn of the loop takes at most one message per socket and other sockets are read in between.
 */
export class FairWebSocketServer extends WebSocketServer {
  constructor(options?: ServerOptions, callback?: () => void) {
    super({ ...options, allowSynchronousEvents: false }, callback);
  }
}
