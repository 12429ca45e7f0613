/** `npm run bench`: runs every benchmark and prints Markdown tables for BENCHMARKS.md. */
import { cpus, loadavg } from 'node:os';
import { benchAggregate, benchPersist } from './ingest';
import { benchEncoder, benchRender } from './posts';
import { benchColdStart, benchFunctionBundles } from './coldStart';
import { benchDependencyHang, benchHandlerLatency } from './skill';
import { benchTrend } from './trend';
import { benchNlu, nluDependencySizes } from './nlu';
import { benchEvaluationOverhead, benchStatistics } from './statistics';

/** `--runs N`: the cold start's alternating runs per bundle (by default 15, 5 with --quick). */
const runsAt = process.argv.indexOf('--runs');
const coldStartRuns = runsAt === -1 ? undefined : Number(process.argv[runsAt + 1]);
if (coldStartRuns !== undefined && !(Number.isInteger(coldStartRuns) && coldStartRuns >= 1)) {
  throw new Error('--runs takes a whole number of runs, at least 1');
}

/**
 * `--baseline FILE`: a skill bundle built elsewhere (another commit's `dist/skill/index.js`) that
 * the cold start runs beside Pulse's, alternating with the others; `--baseline-node-options`
 * gives the NODE_OPTIONS it ran with (as before this commit: `--enable-source-maps`).
 */
const valueOf = (flag: string) =>
  process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined;
const baselineFile = valueOf('--baseline');
const baseline = baselineFile
  ? { file: baselineFile, nodeOptions: valueOf('--baseline-node-options') ?? '' }
  : undefined;

/** The sections, each a heading and its tables; `--only a,b` runs those alone, at full size. */
const SECTIONS: Readonly<Record<string, (quick: boolean) => Promise<string[]>>> = {
  latency: async (quick) => [
    '### Skill handler latency, in process against dynalite and the local shadow service',
    '',
    ...(await benchHandlerLatency(quick ? 50 : 500)),
  ],
  hang: async (quick) => [
    '### Skill answer when a dependency hangs',
    '',
    ...(await benchDependencyHang(quick ? 3 : 10)),
  ],
  'cold-start': async (quick) => [
    '### Cold start: Pulse against a naive skill of the same dependencies',
    '',
    ...(await benchColdStart(coldStartRuns ?? (quick ? 5 : 15), baseline)),
  ],
  functions: async (quick) => [
    '### The other functions',
    '',
    ...(await benchFunctionBundles(quick ? 3 : 9, baseline)),
  ],
  persist: async (quick) => [
    '### Rollup persistence against dynalite',
    '',
    ...(await benchPersist(quick ? 3 : 11, 1000)),
    '',
    ...(await benchPersist(quick ? 2 : 6, 1000, 5)),
  ],
  trend: async (quick) => [
    '### Trend answers with per-shard rollups',
    '',
    ...(await benchTrend(quick ? 50 : 500)),
  ],
  statistics: async (quick) => [
    '### Statistics and what is usual',
    '',
    ...(await benchStatistics(quick ? 20 : 100)),
    '',
    ...(await benchEvaluationOverhead(quick ? 10 : 40)),
  ],
  aggregate: async (quick) => [
    '### Aggregation',
    '',
    ...(await benchAggregate(quick ? 20_000 : 100_000)),
  ],
  render: async (quick) => [
    '### Post rendering',
    '',
    ...(await benchRender(1000, quick ? 1 : 3)),
    '',
    ...(await benchEncoder(60)),
  ],
  nlu: async (quick) => [
    '### The local NLU: training and understanding',
    '',
    ...(await benchNlu(quick ? 1 : 5)),
    '',
    ...nluDependencySizes(),
  ],
};

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv[process.argv.indexOf('--only') + 1]?.split(',');
  const chosen = process.argv.includes('--only') ? (only ?? []) : Object.keys(SECTIONS);
  const unknown = chosen.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0 || chosen.length === 0) {
    throw new Error(
      `--only takes sections separated by commas: ${Object.keys(SECTIONS).join(', ')}`,
    );
  }
  const args = process.argv.slice(2).join(' ');
  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`,
  );
  console.log(`command: npm run bench${args ? ` -- ${args}` : ''}`);
  console.log(`load average at the start (1, 5, 15 min): ${load()}\n`);
  for (const name of chosen) {
    console.log((await SECTIONS[name]!(quick)).join('\n'));
    console.log('');
  }
  console.log(`load average at the end (1, 5, 15 min): ${load()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
