/**
 * `npm run nlu:measure [-- --verbose] [-- --locale de-DE]`: the development corpus through a local
 * stack's POST /simulator/say (a stack of its own, in a temporary data directory, so that the
 * confirmed changes of the yes items touch nobody's data); prints the rates and every miss.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLocale, LOCALES, type Locale } from '../domain/locales';
import { simulatorClient } from '../local/cli/simulatorClient';
import { startStack } from '../local/stack';
import { freeBasePort } from '../test/support/ports';
import { measureAll, report } from '../test/support/understanding';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const at = args.indexOf('--locale');
  const asked = at === -1 ? undefined : args[at + 1];
  if (asked !== undefined && !isLocale(asked)) {
    throw new Error(`--locale must be one of ${LOCALES.join(', ')}, not ${asked}`);
  }
  const locales: readonly Locale[] = asked === undefined ? LOCALES : [asked];
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const dataDir = mkdtempSync(join(tmpdir(), 'pulse-understanding-'));
  const stack = await startStack({ port: await freeBasePort(), dataDir, telemetry: false });
  try {
    const trained = await stack.echo.warmUp(locales);
    console.log(
      `NLU trained: ${trained.map(({ locale, trainingMs }) => `${locale} ${(trainingMs / 1000).toFixed(2)} s`).join(', ')}\n`,
    );
    const started = Date.now();
    const results = await measureAll(simulatorClient(stack.url), locales);
    console.log(report(results, verbose));
    const said = results.reduce((sum, result) => sum + result.outcomes.length, 0);
    console.log(
      `\n(${said} items through POST /simulator/say in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
