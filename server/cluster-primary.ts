import cluster, { type Worker } from 'node:cluster';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupMaster } from '@socket.io/sticky';
import { AppError } from '../common/errors.js';
import type { Config } from './config.js';
import type { Output } from './commands/output.js';
import type { CliStreams } from './cli-streams.js';
import { createLogger, type Logger } from './logger.js';
import { listenUrl } from './listen-url.js';
import { loadOrCreateSecret } from './secret-file.js';
import { encodeRole, isWorkerMessage, workerRoleKey, type PrimaryMessage } from './cluster-role.js';

/** A worker that keeps crashing is restarted after 1 s, 2 s, 4 s … up to this. */
const maxBackoffMs = 30_000;
/** Crashes further apart than this do not add to the backoff. */
const backoffWindowMs = 60_000;
/** How long the workers get to close before they are killed. */
const stopTimeoutMs = 15_000;

const mainScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.js');

type Started = { ok: true } | { ok: false; message: string; exitCode: number };

/**
 * The workers, one per slot: forked with their role, restarted with backoff when one exits while the
 * cluster runs, stopped together.
 */
class Workers {
  private readonly live = new Map<number, Worker>();
  private readonly crashes = new Map<number, number[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = false;
  private stopping = false;

  constructor(
    private readonly env: CliStreams['env'],
    private readonly url: string,
    private readonly log: Logger,
  ) {}

  /** Forks the worker of `slot`; resolves once it is ready or could not start. */
  start(slot: number): Promise<Started> {
    if (this.stopping) return Promise.resolve({ ok: false, message: 'stopping', exitCode: 1 });
    const worker = cluster.fork({ ...this.env, [workerRoleKey]: encodeRole({ slot, url: this.url }) });
    this.live.set(slot, worker);
    // The sticky sessions route to every worker in cluster.workers: one that is still starting (a restart)
    // has no socket.io server yet, and a connection handed to it would be lost. It joins once ready.
    hide(worker);
    // A message to a worker that has just exited fails with EPIPE: what matters is its exit, handled below.
    worker.on('error', (err) => this.log.debug({ err, worker: slot }, 'worker channel error'));
    const started = new Promise<Started>((resolve) => {
      worker.on('message', (m: unknown) => {
        if (!isWorkerMessage(m)) return;
        if (m.type === 'frontdesk:ready') show(worker);
        resolve(
          m.type === 'frontdesk:ready'
            ? { ok: true }
            : { ok: false, message: m.message, exitCode: m.exitCode },
        );
      });
      worker.once('exit', (code, signal) =>
        resolve({
          ok: false,
          message: `worker ${slot} exited (code ${code}, signal ${signal}) while starting`,
          exitCode: 1,
        }),
      );
    });
    worker.once('exit', (code, signal) => this.exited(slot, worker, code, signal));
    return started;
  }

  /** From now on a worker that exits is restarted. */
  run(): void {
    this.running = true;
  }

  private exited(slot: number, worker: Worker, code: number | null, signal: string | null): void {
    if (this.live.get(slot) === worker) this.live.delete(slot);
    if (!this.running || this.stopping) return;
    const now = Date.now();
    const recent = (this.crashes.get(slot) ?? []).filter((t) => now - t < backoffWindowMs);
    recent.push(now);
    this.crashes.set(slot, recent);
    const delayMs = Math.min(maxBackoffMs, 1000 * 2 ** (recent.length - 1));
    this.log.error(
      { worker: slot, pid: worker.process.pid, code, signal, restartInMs: delayMs },
      'worker exited',
    );
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopping) return;
      void this.start(slot).then((s) => {
        if (s.ok) this.log.info({ worker: slot }, 'worker restarted');
        else this.log.error({ worker: slot, reason: s.message }, 'restarted worker could not start');
      });
    }, delayMs);
    this.timers.add(timer);
  }

  /** Tells every worker to close, and waits for them (killing those still running after the timeout). */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const workers = [...this.live.values()];
    await Promise.all(
      workers.map(async (w) => {
        if (w.process.exitCode !== null || w.process.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        const kill = setTimeout(() => w.process.kill('SIGKILL'), stopTimeoutMs);
        // A worker whose channel closes meanwhile (it is exiting) gets SIGTERM instead.
        if (w.isConnected())
          w.send({ type: 'frontdesk:stop' } satisfies PrimaryMessage, undefined, (err: Error | null) => {
            if (err) w.process.kill('SIGTERM');
          });
        else w.process.kill('SIGTERM');
        await exited;
        clearTimeout(kill);
      }),
    );
  }
}

const hide = (worker: Worker): void => {
  if (cluster.workers) Reflect.deleteProperty(cluster.workers, worker.id);
};
const show = (worker: Worker): void => {
  if (cluster.workers && worker.process.exitCode === null && worker.process.signalCode === null)
    cluster.workers[worker.id] = worker;
};

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * The cluster's primary (WORKERS > 1): listens on PORT itself (a port in use fails here, before any
 * worker starts), starts worker 1 (it migrates the store and warms the KB cache alone), then the others,
 * and only then routes connections: socket.io's sticky sessions (@socket.io/sticky) send every request
 * of a session to the worker that holds it, and new sessions round-robin. Until then it answers 503.
 * Prints the same line as one process, restarts a worker that exits, and on SIGINT or SIGTERM stops the
 * workers and exits 0.
 */
export async function runPrimary(config: Config, out: Output, env: CliStreams['env']): Promise<number> {
  const log = createLogger(config.logLevel).child({ primary: true });
  let stopRequested = () => {};
  const stopSignal = new Promise<void>((resolve) => (stopRequested = resolve));
  const onSignal = () => stopRequested();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const server = createServer((_req, res) => {
    res.writeHead(503, { 'Retry-After': '1', Connection: 'close' });
    res.end();
  });
  try {
    try {
      await listen(server, config.port, config.host);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new AppError('PORT_IN_USE', `port ${config.port} is in use; set PORT`);
      throw err;
    }
    const url = listenUrl(config, (server.address() as AddressInfo).port);
    // Made here once, so that workers starting together never race to create it.
    if (!config.visitorTokenSecret) loadOrCreateSecret(path.join(config.dataDir, 'visitor-token.key'));
    // 'advanced': the sticky sessions pass each connection's first bytes as a Buffer over IPC.
    cluster.setupPrimary({ exec: mainScript, args: ['serve'], serialization: 'advanced' });
    const workers = new Workers(env, url, log);
    const slots = Array.from({ length: config.workers }, (_, i) => i + 1);
    const starting = (async (): Promise<Started> => {
      const first = await workers.start(1);
      if (!first.ok) return first;
      const rest = await Promise.all(slots.slice(1).map((slot) => workers.start(slot)));
      return rest.find((s) => !s.ok) ?? { ok: true };
    })();
    const started = await Promise.race([starting, stopSignal.then(() => null)]);
    if (started === null || !started.ok) {
      await workers.stop();
      if (started === null) return 0;
      out.error(started.message);
      return started.exitCode;
    }
    workers.run();
    setupMaster(server, { loadBalancingMethod: 'round-robin' });
    log.info({ url, workers: config.workers }, 'Frontdesk cluster is ready');
    out.line(`Frontdesk is running at ${url} (press Ctrl+C to stop)`);
    await stopSignal;
    server.close();
    await workers.stop();
    server.closeAllConnections();
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (server.listening) server.close();
  }
}
