import cluster from 'node:cluster';
import type { Config } from './config.js';
import type { Output } from './commands/output.js';
import type { CliStreams } from './cli-streams.js';
import { decodeRole, workerRoleKey } from './cluster-role.js';
import { releaseYoungGeneration } from './young-generation.js';

/**
 * `frontdesk serve` with WORKERS > 1: the same command runs as the cluster's primary (it listens on PORT
 * and forks the workers) and, forked by it, as each worker (told its role in its environment).
 */
export async function serveCluster(config: Config, out: Output, env: CliStreams['env']): Promise<number> {
  if (cluster.isPrimary) {
    // The primary does not start a Frontdesk of its own (each worker releases its own at its start).
    releaseYoungGeneration();
    return (await import('./cluster-primary.js')).runPrimary(config, out, env);
  }
  const role = decodeRole(env[workerRoleKey]);
  if (!role) {
    out.error(`A cluster worker needs ${workerRoleKey} from its primary.`);
    return 1;
  }
  return (await import('./cluster-worker.js')).runWorker(config, role);
}
