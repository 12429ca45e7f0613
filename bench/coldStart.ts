/**
 * Cold start, measured side by side in fresh Node processes: Pulse's skill against a naive skill of
 * the same dependencies and the floor (ask-sdk-core and the DynamoDB clients only), each bundled
 * the way every Lambda is: bundle size, load time, and fresh process → first LaunchRequest answer
 * against a local DynamoDB. Runs alternate between the bundles, so the machine's load falls on all.
 */
import { execFileSync, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleEntry, bundleFunctions, ROOT, type FunctionName } from '../scripts/bundle';
import { launchRequest } from '../test/support/requests';
import { startTestStack, playerRollup } from '../test/support/stack';
import { median, ms, percentile } from './stats';

const OUT = join(ROOT, 'bench', 'out', 'coldstart');

/**
 * What runs in the fresh process: load the bundle, answer one LaunchRequest, check it spoke a
 * number, and print the process's CPU time (every thread's, user and system) in milliseconds.
 */
export const ANSWER_ONCE = `
const { handler } = require(process.env.BENCH_BUNDLE);
const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 8000 };
Promise.resolve(handler(JSON.parse(process.env.BENCH_EVENT), context)).then(
  (envelope) => {
    const speech = JSON.stringify(envelope && envelope.response && envelope.response.outputSpeech);
    if (!/\\d/.test(speech)) { console.error('no count in the answer: ' + speech); process.exit(3); }
    const { user, system } = process.cpuUsage();
    process.stdout.write(String((user + system) / 1000), () => process.exit(0));
  },
  (error) => { console.error(error); process.exit(2); },
);`;

/** An empty process's CPU time, subtracted like its wall time. */
const CPU_ONLY = `const { user, system } = process.cpuUsage(); process.stdout.write(String((user + system) / 1000));`;

interface Run {
  /** Wall time from spawn to exit. */
  readonly wallMs: number;
  /** The process's CPU time as it printed it; NaN when it printed none. */
  readonly cpuMs: number;
}

function runNode(code: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['-e', code], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      const wallMs = performance.now() - start;
      if (status === 0) resolve({ wallMs, cpuMs: Number(output) });
      else reject(new Error(`node exited with ${status}: ${errors.trim()}`));
    });
  });
}

/**
 * As on Lambda, where Pulse's stack sets no NODE_OPTIONS: not --enable-source-maps, which reads a
 * bundle's map at every load; each bundle maps a trace itself when one is read.
 */
const LAMBDA_NODE_OPTIONS = '';

/** Wall time of `node -e "require(file)"`, minus an empty node start measured right before it. */
function loadTime(file: string, nodeOptions = LAMBDA_NODE_OPTIONS): number {
  const env = { ...process.env, NODE_OPTIONS: nodeOptions };
  const time = (code: string) => {
    const start = performance.now();
    execFileSync(process.execPath, ['-e', code], { stdio: 'ignore', env });
    return performance.now() - start;
  };
  const empty = time('');
  return time(`require(${JSON.stringify(file)})`) - empty;
}

interface Contender {
  readonly name: string;
  readonly file: string;
  /** NODE_OPTIONS for its processes; Lambda's (none) unless a baseline ran with others. */
  readonly nodeOptions?: string;
  readonly load: number[];
  readonly answer: number[];
  readonly cpu: number[];
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

/** A skill bundle from elsewhere (another commit's build) to run beside the others. */
export interface Baseline {
  readonly file: string;
  readonly nodeOptions: string;
}

/** The skill against the naive skill and the floor; runs ≥ 15 for the medians the issue asks for. */
export async function benchColdStart(runs: number, baseline?: Baseline): Promise<string[]> {
  const [bundles] = await Promise.all([
    bundleFunctions(join(OUT, 'pulse')),
    bundleEntry(join(ROOT, 'bench/naive/skill.ts'), join(OUT, 'naive', 'index.js')),
    bundleEntry(join(ROOT, 'bench/naive/floor.ts'), join(OUT, 'floor', 'index.js')),
  ]);
  const skill = bundles.find((bundle) => bundle.name === 'skill')!;
  const stack = await startTestStack();
  try {
    const config = await stack.freshConfig();
    const now = Date.now();
    await stack.putPlayerRollups(
      config,
      Array.from({ length: 60 }, (_, i) => playerRollup(now - (60 - i) * 1000, 90 + (i % 7))),
    );
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      AWS_REGION: process.env.AWS_REGION,
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY,
      AWS_ENDPOINT_URL_DYNAMODB: process.env.AWS_ENDPOINT_URL_DYNAMODB,
      AWS_ENDPOINT_URL_IOT_DATA_PLANE: process.env.AWS_ENDPOINT_URL_IOT_DATA_PLANE,
      USER_ROLLUPS_TABLE: config.userRollupsTable,
      SENSOR_ROLLUPS_TABLE: config.sensorRollupsTable,
      BENCH_EVENT: JSON.stringify(launchRequest()),
      // As on Lambda: no NODE_OPTIONS; the SDK's Node version notice off.
      NODE_OPTIONS: LAMBDA_NODE_OPTIONS,
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    };
    const contenders: Contender[] = [
      {
        name: 'Pulse skill (`dist/skill/index.js`)',
        file: skill.file,
        load: [],
        answer: [],
        cpu: [],
      },
      {
        name: 'naive skill, same dependencies',
        file: join(OUT, 'naive', 'index.js'),
        load: [],
        answer: [],
        cpu: [],
      },
      {
        name: 'floor: ask-sdk-core + DynamoDB only',
        file: join(OUT, 'floor', 'index.js'),
        load: [],
        answer: [],
        cpu: [],
      },
    ];
    if (baseline) {
      const options = baseline.nodeOptions ? `, NODE_OPTIONS=${baseline.nodeOptions}` : '';
      contenders.push({
        name: `baseline: \`${baseline.file}\`${options}`,
        file: baseline.file,
        nodeOptions: baseline.nodeOptions,
        load: [],
        answer: [],
        cpu: [],
      });
    }
    const envOf = (c: Contender) => ({
      ...env,
      BENCH_BUNDLE: c.file,
      NODE_OPTIONS: c.nodeOptions ?? LAMBDA_NODE_OPTIONS,
    });
    // One warm-up of each (the file system cache), then rounds in a rotating order.
    for (const c of contenders) await runNode(ANSWER_ONCE, envOf(c));
    for (let round = 0; round < runs; round++) {
      for (let k = 0; k < contenders.length; k++) {
        const c = contenders[(round + k) % contenders.length]!;
        c.load.push(loadTime(c.file, c.nodeOptions));
        const empty = await runNode(CPU_ONLY, { ...envOf(c), BENCH_BUNDLE: undefined });
        const answered = await runNode(ANSWER_ONCE, envOf(c));
        c.answer.push(answered.wallMs - empty.wallMs);
        c.cpu.push(answered.cpuMs - empty.cpuMs);
      }
    }
    const [pulse, naiveSkill, floorSkill, ...others] = contenders.map((c) => ({
      ...c,
      kib: statSync(c.file).size / 1024,
      loadMs: median(c.load),
      answerMs: median(c.answer),
      cpuMs: median(c.cpu),
    }));
    const spread = (samples: number[]) =>
      `${ms(percentile(samples, 25))}–${ms(percentile(samples, 75))}`;
    const rows = [
      `Medians of ${runs} alternating fresh processes each (quartiles after them); an empty \`node\` start is subtracted from every figure. CPU is the first-answer process's CPU time (all its threads), which a shared machine's load disturbs far less than wall time.`,
      '',
      '| bundle | size KiB | load ms | first answer ms | first answer CPU ms | load vs naive | answer vs naive | CPU vs naive | answer vs floor |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    for (const c of [pulse!, naiveSkill!, floorSkill!, ...others]) {
      rows.push(
        `| ${c.name} | ${c.kib.toFixed(0)} | ${ms(c.loadMs)} (${spread(c.load)}) | ${ms(c.answerMs)} (${spread(c.answer)}) | ${ms(c.cpuMs)} (${spread(c.cpu)}) | ${ratio(c.loadMs, naiveSkill!.loadMs)} | ${ratio(c.answerMs, naiveSkill!.answerMs)} | ${ratio(c.cpuMs, naiveSkill!.cpuMs)} | ${ratio(c.answerMs, floorSkill!.answerMs)} |`,
      );
    }
    return rows;
  } finally {
    await stack.close();
  }
}

/**
 * Size and load time of every other function's bundle (the skill's are in the cold-start table);
 * with a baseline, the same function of the baseline's build (`<dist>/<function>/index.js` beside
 * its skill) loaded alternately with it, under the baseline's NODE_OPTIONS.
 */
export async function benchFunctionBundles(runs: number, baseline?: Baseline): Promise<string[]> {
  const bundles = await bundleFunctions(join(OUT, 'functions'));
  const baseDir = baseline ? dirname(dirname(baseline.file)) : undefined;
  const rows = baseDir
    ? [
        `| function | size KiB | load ms (median) | baseline KiB | baseline load ms | size vs baseline | load vs baseline |`,
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ]
    : ['| function | size KiB | load ms (median) |', '| --- | ---: | ---: |'];
  for (const bundle of bundles.filter((b) => b.name !== ('skill' satisfies FunctionName))) {
    const kib = (bundle.bytes / 1024).toFixed(0);
    if (!baseDir || !baseline) {
      const samples = Array.from({ length: runs }, () => loadTime(bundle.file));
      rows.push(`| ${bundle.name} | ${kib} | ${ms(median(samples))} |`);
      continue;
    }
    const before = join(baseDir, bundle.name, 'index.js');
    const samples: number[] = [];
    const baseSamples: number[] = [];
    for (let run = 0; run < runs; run++) {
      samples.push(loadTime(bundle.file));
      baseSamples.push(loadTime(before, baseline.nodeOptions));
    }
    const beforeBytes = statSync(before).size;
    rows.push(
      `| ${bundle.name} | ${kib} | ${ms(median(samples))} | ${(beforeBytes / 1024).toFixed(0)} | ${ms(median(baseSamples))} | ${ratio(bundle.bytes, beforeBytes)} | ${ratio(median(samples), median(baseSamples))} |`,
    );
  }
  return rows;
}
