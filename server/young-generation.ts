import v8 from 'node:v8';

/**
 * V8's young generation during start-up. Loading the modules and the KB keeps almost everything it
 * allocates, and V8 answers such high survival by doubling its semi-spaces up to their 16 MB limit: 34 MB
 * of new space committed at start and left so until its memory reducer shrinks it some 10 s into the
 * idle time (a warm start's RSS a second after listening: 143–152 MB, then 122 MB). `frontdesk serve` keeps
 * the growth factor at 1 while it starts (the young generation stays at 1 MB a semi-space; what survives
 * goes to the old space, where it ends anyway) and gives V8 back its own factor once it listens, so the
 * young generation grows again with the turns' load. Nothing changes when node's command line sets a
 * semi-space flag itself.
 */
const defaultGrowthFactor = 2;

function setByOperator(): boolean {
  return process.execArgv.some((flag) => /semi[-_]space/.test(flag));
}

let held = false;

/** Before the server's modules load: no growth of the semi-spaces until {@link releaseYoungGeneration}. */
export function holdYoungGeneration(): void {
  if (held || setByOperator()) return;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  held = true;
}

/** Once the server listens: V8's default growth again. Does nothing unless held. */
export function releaseYoungGeneration(): void {
  if (!held) return;
  v8.setFlagsFromString(`--semi-space-growth-factor=${defaultGrowthFactor}`);
  held = false;
}
