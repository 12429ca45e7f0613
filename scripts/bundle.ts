/** esbuild bundling of each Lambda entry point into dist/<function>/index.js. */
import { build, type Metafile, type Plugin } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { SourceMapConsumer, SourceMapGenerator, type RawSourceMap } from 'source-map';

export const ROOT = resolve(__dirname, '..');

/** Every Lambda function and its entry point; each bundle exports `handler`. */
export const FUNCTIONS = {
  skill: 'lambda/skill/index.ts',
  persist: 'lambda/rollups/persistHandler.ts',
  aggregate: 'lambda/rollups/aggregateHandler.ts',
  postsApi: 'lambda/posts/apiHandler.ts',
  render: 'lambda/posts/renderHandler.ts',
  renderDeadLetters: 'lambda/posts/deadLetterHandler.ts',
  postsSweeper: 'lambda/posts/sweepHandler.ts',
  mcp: 'lambda/mcp/index.ts',
  notify: 'lambda/alerts/notifyHandler.ts',
} as const;

export type FunctionName = keyof typeof FUNCTIONS;

export interface BundleResult {
  readonly name: FunctionName;
  readonly file: string;
  readonly bytes: number;
  /** The project's own source files in the bundle, relative to the project root. */
  readonly sources: readonly string[];
  /** Every file with code in the bundle, packages' included, relative to the project root. */
  readonly inputs: readonly string[];
  /** The files beside index.js it loads on first use (FILES_APART), by name. */
  readonly apart: readonly string[];
}

/**
 * Keeps only the mappings of the project's own code: a trace names our files and lines, frames
 * inside a package keep their place in the bundle. The map is read when a trace is first formatted
 * (lambda/aws/stackTraces.ts); mapping the packages too made the skill's 1.2 MB.
 */
function keepOwnMappings(mapFile: string): void {
  const raw = JSON.parse(readFileSync(mapFile, 'utf8')) as RawSourceMap;
  const consumer = new SourceMapConsumer(raw);
  const own = new SourceMapGenerator({ file: raw.file });
  // Where a package's code follows ours, a mapping with no source: else a frame in the package
  // would be found at the nearest of our mappings before it, on the minified bundle's long lines.
  let afterOwn = false;
  consumer.eachMapping((mapping) => {
    if (!mapping.source || mapping.source.split('/').includes('node_modules')) {
      if (afterOwn) {
        own.addMapping({
          generated: { line: mapping.generatedLine, column: mapping.generatedColumn },
        } as Parameters<SourceMapGenerator['addMapping']>[0]);
      }
      afterOwn = false;
      return;
    }
    afterOwn = true;
    own.addMapping({
      generated: { line: mapping.generatedLine, column: mapping.generatedColumn },
      original: { line: mapping.originalLine, column: mapping.originalColumn },
      source: mapping.source,
      ...(mapping.name ? { name: mapping.name } : {}),
    });
  });
  writeFileSync(mapFile, own.toString());
}

/**
 * What a function loads on first use, each in a file of its own beside its index.js: what Pulse's
 * code `require()`s (a file from the project root, or a package), and the file's name. Code in the
 * bundle is compiled at every cold start even when it never runs; a file apart is read only when
 * its require() runs. Each is bundled whole, with its own copy of what it imports, so only what
 * holds no state or class the rest of the function shares may be here: words, a logger made
 * inside, the SDK's credential chain. Any other require() in our code fails the build.
 */
const FILES_APART: Readonly<Record<string, string>> = {
  // Everything but the environment's keys (lambda/aws/envCredentials.ts); never loaded on Lambda.
  'lambda/aws/credentialChain.ts': 'credentialChain.js',
  // A locale's words, loaded on its first request: a launch in one compiles no other's.
  'lambda/skill/i18n/en-US.ts': 'en-US.js',
  'lambda/skill/i18n/en-GB.ts': 'en-GB.js',
  'lambda/skill/i18n/de-DE.ts': 'de-DE.js',
  // Alexa's service clients, made only for a skill with an API client (lambda/skill/askSdkModel.ts).
  'ask-sdk-model': 'askSdkModel.js',
  // Made on the first line the skill logs (lambda/skill/logger.ts); most requests log nothing.
  '@aws-lambda-powertools/logger': 'powertoolsLogger.js',
};

/** A bare package name (`@scope/name`, `name`) or the path from the project root. */
function requiredName(specifier: string, resolved: string): string {
  return /^[./]/.test(specifier) ? relative(ROOT, resolved) : specifier;
}

/**
 * Every bundle's plugins: `@aws-sdk/credential-provider-node` is lambda/aws/envCredentials.ts
 * (the environment's keys, else the whole chain from its file), ask-sdk-core's `ask-sdk-model` is
 * lambda/skill/askSdkModel.ts (the one class it uses, from a file apart), and each require() of ours
 * names a file of FILES_APART, whose entry points are added to `apart`.
 */
function filesApart(apart: Map<string, string>): Plugin {
  return {
    name: 'files-apart',
    setup(bundler) {
      bundler.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({
        path: join(ROOT, 'lambda/aws/envCredentials.ts'),
      }));
      bundler.onResolve({ filter: /^ask-sdk-model$/ }, ({ importer }) =>
        importer.split(sep).includes('ask-sdk-core')
          ? { path: join(ROOT, 'lambda/skill/askSdkModel.ts') }
          : undefined,
      );
      bundler.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'require-call' || args.pluginData === 'files-apart') return undefined;
        if (args.importer.split(sep).includes('node_modules')) return undefined;
        const found = await bundler.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'files-apart',
        });
        if (found.errors.length > 0) return { errors: found.errors };
        const name = requiredName(args.path, found.path);
        const file = FILES_APART[name];
        if (!file) {
          return {
            errors: [
              {
                text: `require('${args.path}') in ${relative(ROOT, args.importer)}: import it, or name it in FILES_APART (scripts/bundle.ts) to load it on first use from a file of its own`,
              },
            ],
          };
        }
        apart.set(file, found.path);
        return { path: `./${file}`, external: true };
      });
    },
  };
}

/** One file of FILES_APART beside a bundle: the module and all it imports, as a CommonJS module. */
async function bundleApart(entry: string, file: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    mainFields: ['module', 'main'],
    minify: true,
    external: ['bowser'],
    legalComments: 'linked',
    logLevel: 'warning',
  });
}

export interface BundleOptions {
  /** Map the packages' code too (for profiling); Lambda bundles map only ours. */
  readonly mapPackages?: boolean;
}

/** Bundles one entry point the way every Lambda is bundled; benchmarks bundle their baselines with it. */
export async function bundleEntry(
  entry: string,
  file: string,
  { mapPackages = false }: BundleOptions = {},
): Promise<{ bytes: number; sources: string[]; inputs: string[]; apart: string[] }> {
  const apart = new Map<string, string>();
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    // The Lambda runtime the stack deploys (nodejs22.x): no syntax lowered for older engines.
    target: 'node22',
    format: 'cjs',
    // A package's ES module build before its CommonJS one: the AWS SDK's clients publish both
    // (dist-es, dist-cjs), and only the modules of dist-es can be tree-shaken, so a function
    // bundles the commands and shapes it uses rather than every one of its clients'. Packages
    // with an `exports` map are resolved by it, as before.
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: 'linked',
    // File, line and names make a stack trace readable; the sources would only triple the map.
    sourcesContent: false,
    // Traces through the bundle mapped to our files when one is read, not the map read at load
    // as NODE_OPTIONS=--enable-source-maps does (10 to 15 ms of every cold start).
    inject: [join(ROOT, 'lambda/aws/installStackTraces.ts')],
    // @aws-sdk/core/client exports the browser's user-agent provider beside Node's; it requires
    // bowser (a browser user-agent parser) inside a function only a browser calls, so every client
    // would carry 34 KB that never runs on Node.
    external: ['bowser'],
    // What loads on first use in files of their own, the SDK's credential chain among them.
    plugins: [filesApart(apart)],
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
  });
  const { inputs, outputs } = result.metafile as Metafile;
  if (!mapPackages) keepOwnMappings(`${file}.map`);
  await Promise.all(
    [...apart].map(([name, entryPoint]) => bundleApart(entryPoint, join(dirname(file), name))),
  );
  const output = Object.entries(outputs).find(([path]) => path.endsWith('index.js'))?.[1];
  const sources = Object.keys(inputs)
    .map((path) => relative(ROOT, resolve(path)))
    .filter((path) => !path.split(sep).includes('node_modules'))
    .sort();
  // What a module imports but never uses is an input with no bytes in the output.
  const withCode = Object.entries(output?.inputs ?? {})
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([path]) => relative(ROOT, resolve(path)))
    .sort();
  return { bytes: output?.bytes ?? 0, sources, inputs: withCode, apart: [...apart.keys()].sort() };
}

export async function bundleFunctions(outDir = join(ROOT, 'dist')): Promise<BundleResult[]> {
  return Promise.all(
    (Object.keys(FUNCTIONS) as FunctionName[]).map(async (name) => {
      const file = join(outDir, name, 'index.js');
      const { bytes, sources, inputs, apart } = await bundleEntry(
        join(ROOT, FUNCTIONS[name]),
        file,
      );
      return { name, file, bytes, sources, inputs, apart };
    }),
  );
}
