/** The local NLU: how long a locale trains (what `npm start` spends in the background), how long an utterance takes, what its libraries weigh. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LOCALES } from '../domain/locales';
import { SKILL_PACKAGE_DIR } from '../interactionModels/generate';
import { trainNlu } from '../local/nlu';
import { ROOT } from '../scripts/bundle';
import { readCorpus } from '../test/support/understanding';
import { median, ms, percentile } from './stats';

function modelOf(locale: string): unknown {
  const path = join(SKILL_PACKAGE_DIR, 'interactionModels', 'custom', `${locale}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

function samplesOf(model: unknown): number {
  const { intents } = (
    model as { interactionModel: { languageModel: { intents: { samples?: string[] }[] } } }
  ).interactionModel.languageModel;
  return intents.reduce((sum, intent) => sum + (intent.samples?.length ?? 0), 0);
}

/** Training per locale (median of `runs`) and understanding each corpus utterance, in process. */
export async function benchNlu(runs: number): Promise<string[]> {
  const rows = [
    '| locale | samples | training, median of ' + runs + ' | understand p50 | understand p99 |',
    '| ------ | ------: | ---------: | -------------: | -------------: |',
  ];
  for (const locale of LOCALES) {
    const model = modelOf(locale);
    const trainings: number[] = [];
    let nlu = await trainNlu(model, locale);
    trainings.push(nlu.trainingMs);
    for (let run = 1; run < runs; run += 1) {
      nlu = await trainNlu(model, locale);
      trainings.push(nlu.trainingMs);
    }
    const times: number[] = [];
    for (const { utterance } of readCorpus(locale)) {
      const started = performance.now();
      await nlu.understand(utterance);
      times.push(performance.now() - started);
    }
    rows.push(
      `| ${locale} | ${samplesOf(model)} | ${(median(trainings) / 1000).toFixed(2)} s | ${ms(percentile(times, 50))} ms | ${ms(percentile(times, 99))} ms |`,
    );
  }
  return rows;
}

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0);
}

/** What the NLU's libraries weigh in node_modules (devDependencies: never in a Lambda bundle). */
export function nluDependencySizes(): string[] {
  const groups: [string, string[]][] = [
    ['nlp.js (@nlpjs/*)', ['@nlpjs']],
    ['Microsoft Recognizers-Text (@microsoft/recognizers-text*)', ['@microsoft']],
  ];
  const rows = ['| library | unpacked in node_modules |', '| ------- | ----------: |'];
  for (const [name, folders] of groups) {
    const bytes = folders.reduce(
      (sum, folder) => sum + sizeOf(join(ROOT, 'node_modules', folder)),
      0,
    );
    rows.push(`| ${name} | ${(bytes / 1024 / 1024).toFixed(1)} MB |`);
  }
  return rows;
}

// `npx tsx bench/nlu.ts`: this benchmark alone (`npm run bench` runs it with the others).
if (require.main === module) {
  const runs = Number(process.argv[2] ?? 5);
  benchNlu(runs)
    .then((rows) => console.log([...rows, '', ...nluDependencySizes()].join('\n')))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
