import type { Config } from './config.js';
import type { ClusterRole, WorkerMessage } from './cluster-role.js';
import { isStopMessage } from './cluster-role.js';
import { describeFailure, exitCodeFor } from './cli-errors.js';

const send = (message: WorkerMessage): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send || !process.connected) resolve();
    else process.send(message, undefined, undefined, () => resolve());
  });

/**
 * One worker of the cluster: Frontdesk without a listener of its own (the primary hands it connections),
 * slot 1 with the singletons. It tells the primary when it is ready, or why it could not start (the
 * primary prints that once), and closes everything when the primary says stop, when it is sent SIGTERM,
 * or when the primary is gone. SIGINT alone is ignored: Ctrl+C reaches the whole process group, and the
 * primary orders the stop.
 */
export async function runWorker(config: Config, role: ClusterRole): Promise<number> {
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  // Listening from the start: a stop that comes while the worker starts closes it once started.
  const stop = new Promise<void>((resolve) => {
    process.on('message', (m: unknown) => {
      if (isStopMessage(m)) resolve();
    });
    process.once('SIGTERM', () => resolve());
    process.once('disconnect', () => resolve());
  });
  try {
    const { createLogger } = await import('./logger.js');
    const { startFrontdesk } = await import('./frontdesk.js');
    const log = createLogger(config.logLevel).child({ worker: role.slot });
    let app;
    try {
      app = await startFrontdesk(config, log, {
        worker: { slot: role.slot, singletons: role.slot === 1, url: role.url },
      });
    } catch (err) {
      const exitCode = exitCodeFor(err);
      await send({ type: 'frontdesk:failed', message: describeFailure(err), exitCode });
      return exitCode;
    }
    await send({ type: 'frontdesk:ready' });
    await stop;
    await app.close();
    return 0;
  } finally {
    process.off('SIGINT', ignore);
    // The IPC channel would keep the process alive.
    if (process.connected) process.disconnect();
  }
}
