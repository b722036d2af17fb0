/** Where a command prints: stdout lines and stderr errors (tests pass their own). */
export interface Output {
  line(text: string): void;
  error(text: string): void;
}

export const processOutput: Output = {
  line: (text) => void process.stdout.write(`${text}\n`),
  error: (text) => void process.stderr.write(`${text}\n`),
};
