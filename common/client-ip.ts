import { isIP } from 'node:net';

/** Express's compiled `trust proxy` (`app.get('trust proxy fn')`): is the hop at `addr`, `i` hops away, a trusted proxy? */
export type TrustFn = (addr: string, i: number) => boolean;

/** The plain address of an IPv4-mapped IPv6 one (`::ffff:1.2.3.4` → `1.2.3.4`). */
export function plainAddress(addr: string): string {
  return addr.startsWith('::ffff:') && isIP(addr.slice(7)) === 4 ? addr.slice(7) : addr;
}

/**
 * The client's address: the peer itself unless it is a trusted proxy, then the next hop to the left in
 * `X-Forwarded-For`, and so on: the first untrusted hop (the semantics of express's `req.ip`). A hop that
 * is not an IP address stops the walk (it cannot be a proxy of ours).
 */
export function clientAddress(
  peer: string,
  forwardedFor: string | string[] | undefined,
  trust: TrustFn,
): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const hops = header
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '')
    .reverse();
  let addr = plainAddress(peer);
  for (let i = 0; i < hops.length && trust(addr, i); i++) {
    const next = hops[i] ?? '';
    if (isIP(next) === 0) break;
    addr = plainAddress(next);
  }
  return addr;
}
