/**
 * `npm run bench:profile -- [function]`: where a cold start's time goes. Bundles the function as
 * Lambda gets it, runs it in a fresh `node --cpu-prof` (the skill answering one LaunchRequest
 * against dynalite, any other function only loading), and sums the sampled time by what the
 * source map says the code is: a package, one of our files, or Node itself.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { bundleEntry, FUNCTIONS, ROOT, type FunctionName } from '../scripts/bundle';
import { launchRequest } from '../test/support/requests';
import { playerRollup, startTestStack } from '../test/support/stack';
import { ANSWER_ONCE } from './coldStart';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    url: string;
    functionName: string;
    lineNumber: number;
    columnNumber: number;
  };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** What a frame is: a package, a file of ours, a part of Node, or V8's own (GC, idle). */
function ownerOf(node: ProfileNode, bundle: string, map: SourceMap, byFile: boolean): string {
  const { url, functionName, lineNumber, columnNumber } = node.callFrame;
  if (url === '') return `(${functionName || 'native'})`;
  if (!url.endsWith(bundle)) return `node:${url.replace(/^node:/, '').replace(/^internal\//, '')}`;
  const entry = map.findEntry(lineNumber, columnNumber);
  const source = 'originalSource' in entry ? entry.originalSource : undefined;
  if (!source) return '(bundle, unmapped: module wrappers and top-level code)';
  const path = relative(ROOT, resolve(dirname(bundle), source));
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inPackage && !byFile) return inPackage[1]!;
  return path.replace(/^.*?node_modules\//, '');
}

async function main(): Promise<void> {
  const name = (process.argv[2] ?? 'skill') as FunctionName;
  if (!(name in FUNCTIONS))
    throw new Error(`no function ${name}; one of ${Object.keys(FUNCTIONS).join(', ')}`);
  const byFile = process.argv.includes('--files');
  const dir = mkdtempSync(join(tmpdir(), 'pulse-profile-'));
  const stack = name === 'skill' ? await startTestStack() : undefined;
  try {
    const file = join(dir, name, 'index.js');
    await bundleEntry(join(ROOT, FUNCTIONS[name]), file, { mapPackages: true });
    // As on Lambda, no NODE_OPTIONS; the samples are mapped here, after the run.
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
    let code = `require(${JSON.stringify(file)})`;
    if (stack) {
      const config = await stack.freshConfig();
      await stack.putPlayerRollups(config, [playerRollup(Date.now() - 1000, 96)]);
      Object.assign(env, {
        USER_ROLLUPS_TABLE: config.userRollupsTable,
        SENSOR_ROLLUPS_TABLE: config.sensorRollupsTable,
        BENCH_EVENT: JSON.stringify(launchRequest()),
        BENCH_BUNDLE: file,
      });
      code = ANSWER_ONCE;
    }
    const profiles = join(dir, 'profiles');
    // Asynchronously: the emulators answer from this process.
    await promisify(execFile)(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', profiles, '-e', code],
      { env },
    );
    const profile = JSON.parse(
      readFileSync(join(profiles, readdirSync(profiles)[0]!), 'utf8'),
    ) as CpuProfile;
    const map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload);
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const totals = new Map<string, number>();
    let all = 0;
    profile.samples.forEach((id, i) => {
      const owner = ownerOf(nodes.get(id)!, file, map, byFile);
      const micros = profile.timeDeltas[i] ?? 0;
      totals.set(owner, (totals.get(owner) ?? 0) + micros);
      all += micros;
    });
    console.log(`${name}: ${(all / 1000).toFixed(1)} ms sampled (self time, by owner)\n`);
    for (const [owner, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
      console.log(`${(micros / 1000).toFixed(1).padStart(8)} ms  ${owner}`);
    }
  } finally {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
