/**
 * `npm start`'s entry (local/start.ts) as a child process of its own, so that a test can kill -9
 * the whole stack (its process group) and start it again on the same data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../scripts/bundle';

export interface ChildStack {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** stdout and stderr so far, for a failing test to show. */
  output(): string;
  /** SIGKILL to the whole process group, as `kill -9 -<pgid>` does; resolves once it is gone. */
  kill(): Promise<void>;
  /** Ctrl-C: a clean stop; SIGKILL if it has not stopped within the grace period. */
  stop(graceMs?: number): Promise<void>;
}

const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const children = new Set<ChildProcess>();

// A test that fails or times out must not leave a stack running: kill every group still alive.
process.once('exit', () => {
  for (const child of children) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Gone already.
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** The variables the stack reads for itself; the test's own AWS settings must not leak into it. */
function childEnvironment(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('AWS_') || name.startsWith('PULSE_') || /_TABLE$|^POSTS_/.test(name))
      continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

/**
 * Starts the stack on `port` with its state in `dataDir` and resolves once /health answers.
 * Generous waits: on a loaded machine compiling and starting takes a while.
 */
export async function startChildStack(options: {
  port: number;
  dataDir: string;
  apiToken: string;
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
}): Promise<ChildStack> {
  const { port, dataDir, apiToken } = options;
  const child = spawn(process.execPath, [TSX_CLI, 'local/start.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnvironment({
      PULSE_PORT: String(port),
      PULSE_DATA_DIR: dataDir,
      PULSE_API_TOKEN: apiToken,
      PULSE_TELEMETRY: 'off',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
      ...options.env,
    }),
  });
  children.add(child);
  void exited(child).then(() => children.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;

  const stack: ChildStack = {
    url,
    port,
    pid: child.pid!,
    output: () => output,
    async kill() {
      killGroup(child, 'SIGKILL');
      await exited(child);
    },
    async stop(graceMs = 60_000) {
      killGroup(child, 'SIGINT');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited(child);
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the stack exited before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return stack;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stack.kill();
      throw new Error(`the stack did not answer /health in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
