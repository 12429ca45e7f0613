/** `npm run bench`: runs every benchmark and prints Markdown tables for BENCHMARKS.md. */
import { cpus } from 'node:os';
import { benchAggregate, benchPersist } from './ingest';
import { benchEncoder, benchRender } from './posts';
import { benchColdStart, benchFunctionBundles } from './coldStart';
import { benchDependencyHang, benchHandlerLatency } from './skill';
import { benchTrend } from './trend';
import { benchNlu, nluDependencySizes } from './nlu';
import { benchEvaluationOverhead, benchStatistics } from './statistics';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`,
  );
  console.log(`command: npm run bench${quick ? ' -- --quick' : ''}\n`);
  console.log(
    '### Skill handler latency, in process against dynalite and the local shadow service\n',
  );
  console.log((await benchHandlerLatency(quick ? 50 : 500)).join('\n'));
  console.log('\n### Skill answer when a dependency hangs\n');
  console.log((await benchDependencyHang(quick ? 3 : 10)).join('\n'));
  console.log('\n### Cold start: Pulse against a naive skill of the same dependencies\n');
  console.log((await benchColdStart(quick ? 5 : 15)).join('\n'));
  console.log('\n### The other functions\n');
  console.log((await benchFunctionBundles(quick ? 3 : 9)).join('\n'));
  console.log('\n### Rollup persistence against dynalite\n');
  console.log((await benchPersist(quick ? 3 : 11, 1000)).join('\n'));
  console.log('');
  console.log((await benchPersist(quick ? 2 : 6, 1000, 5)).join('\n'));
  console.log('\n### Trend answers with per-shard rollups\n');
  console.log((await benchTrend(quick ? 50 : 500)).join('\n'));
  console.log('\n### Statistics and what is usual\n');
  console.log((await benchStatistics(quick ? 20 : 100)).join('\n'));
  console.log('');
  console.log((await benchEvaluationOverhead(quick ? 10 : 40)).join('\n'));
  console.log('\n### Aggregation\n');
  console.log((await benchAggregate(quick ? 20_000 : 100_000)).join('\n'));
  console.log('\n### Post rendering\n');
  console.log((await benchRender(1000, quick ? 1 : 3)).join('\n'));
  console.log('');
  console.log((await benchEncoder(60)).join('\n'));
  console.log('\n### The local NLU: training and understanding\n');
  console.log((await benchNlu(quick ? 1 : 5)).join('\n'));
  console.log('');
  console.log(nluDependencySizes().join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
