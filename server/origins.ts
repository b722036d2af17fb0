import type { RequestHandler } from 'express';
import type { Server } from 'socket.io';
import { AppError } from '../common/errors.js';

/**
 * Which web pages may talk to this server. The agent console (the `/agent` socket and the console's
 * state-changing routes) accepts only the server's own origin: PUBLIC_URL's, or that of the Host the
 * request was sent to. The visitor chat (`/chat`) also accepts WIDGET_ORIGINS (any site when unset: the
 * widget is public). A request without an Origin header is not a browser's cross-site request and passes
 * (browsers always send Origin on a WebSocket and on a cross-site request); `null` origins do not.
 */
export class OriginPolicy {
  private readonly publicOrigin: string | null;

  constructor(
    publicUrl: string | undefined,
    private readonly widgetOrigins: readonly string[] | undefined,
  ) {
    this.publicOrigin = publicUrl ? new URL(publicUrl).origin : null;
  }

  isOwn(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined) return true;
    const o = origin.toLowerCase();
    if (o === this.publicOrigin) return true;
    const h = host?.toLowerCase();
    return h !== undefined && h !== '' && (o === `http://${h}` || o === `https://${h}`);
  }

  /** May a page of this origin open the visitor chat? */
  isWidget(origin: string | undefined, host: string | undefined): boolean {
    if (this.isOwn(origin, host)) return true;
    return this.widgetOrigins === undefined || this.widgetOrigins.includes((origin ?? '').toLowerCase());
  }

  /** socket.io's CORS: the Access-Control-Allow-Origin echoes an allowed origin (never `*`). */
  readonly cors = (origin: string | undefined, done: (err: Error | null, allow?: boolean) => void): void => {
    done(null, origin !== undefined && this.isWidget(origin, undefined));
  };

  /** Refuses handshakes from other origins on the two namespaces (connect_error ORIGIN_FORBIDDEN). */
  guardSockets(io: Server, namespaces: { agent: string; chat: string }): void {
    const guard =
      (allowed: (origin: string | undefined, host: string | undefined) => boolean) =>
      (
        socket: { handshake: { headers: { origin?: string | undefined; host?: string | undefined } } },
        next: (err?: Error) => void,
      ) => {
        const { origin, host } = socket.handshake.headers;
        next(allowed(origin, host) ? undefined : new Error('ORIGIN_FORBIDDEN'));
      };
    io.of(namespaces.agent).use(guard((o, h) => this.isOwn(o, h)));
    io.of(namespaces.chat).use(guard((o, h) => this.isWidget(o, h)));
  }

  /** Express middleware: a state-changing request from another origin gets 403 ORIGIN_FORBIDDEN (CSRF). */
  guardRoutes(): RequestHandler {
    return (req, _res, next) => {
      const safe = req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS';
      next(
        safe || this.isOwn(req.headers.origin, req.headers.host)
          ? undefined
          : new AppError('ORIGIN_FORBIDDEN'),
      );
    };
  }
}
