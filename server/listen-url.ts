import type { Config } from './config.js';

/** The address a person opens: PUBLIC_URL, else the host and the port the server listens on. */
export function listenUrl(config: Pick<Config, 'publicUrl' | 'host'>, port: number): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return config.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
