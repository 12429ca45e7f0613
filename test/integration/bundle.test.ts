/** The bundled skill: loads with plain node, calls nothing at load, and answers from the emulators. */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { bundleEntry, bundleFunctions, ROOT } from '../../scripts/bundle';
import { Intent, Slot } from '../../domain/names';
import { intentRequest, launchRequest } from '../support/requests';
import { startTestStack, playerRollup, type TestStack } from '../support/stack';

const run = promisify(execFile);

let outDir: string;
let bundles: Awaited<ReturnType<typeof bundleFunctions>>;
let bundle: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'pulse-bundle-'));
  bundles = await bundleFunctions(outDir);
  bundle = bundles.find((b) => b.name === 'skill')!.file;
}, 60_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

it('bundles every function', () => {
  expect(bundles.map((b) => b.name).sort()).toEqual([
    'aggregate',
    'mcp',
    'notify',
    'persist',
    'postsApi',
    'postsSweeper',
    'render',
    'renderDeadLetters',
    'skill',
  ]);
});

it.each([
  'skill',
  'persist',
  'aggregate',
  'postsApi',
  'render',
  'renderDeadLetters',
  'postsSweeper',
  'mcp',
  'notify',
])('%s loads with node and opens no connection while loading', async (name) => {
  const file = bundles.find((b) => b.name === name)!.file;
  let connections = 0;
  const listener = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  const { stdout } = await run(
    process.execPath,
    [
      '-e',
      `const m = require(${JSON.stringify(file)}); console.log(typeof m.handler, m.handler.length)`,
    ],
    {
      env: {
        ...process.env,
        AWS_ENDPOINT_URL_DYNAMODB: url,
        AWS_ENDPOINT_URL_IOT_DATA_PLANE: url,
      },
    },
  );
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  // An async (event, context) handler: the shape newer Node runtimes require.
  expect(stdout.trim()).toBe('function 2');
  expect(connections).toBe(0);
});

describe("the skill's size", () => {
  /** Issue 13's bound: the skill loads and answers its first request no slower than a naive skill. */
  const MAX_SKILL_BYTES = 900_000;

  it(`stays within ${MAX_SKILL_BYTES.toLocaleString('en-US')} bytes`, () => {
    const skill = bundles.find((b) => b.name === 'skill')!;
    expect(skill.bytes).toBeLessThanOrEqual(MAX_SKILL_BYTES);
    expect(statSync(skill.file).size).toBe(skill.bytes);
  });

  it.each([
    [
      'the S3 client (audio URLs are presigned with SigV4 alone)',
      /node_modules\/@aws-sdk\/client-s3\//,
    ],
    ['bowser (a browser user-agent parser)', /node_modules\/bowser\//],
  ])('holds no %s', (_, pattern) => {
    const skill = bundles.find((b) => b.name === 'skill')!;
    expect(skill.inputs.filter((input) => pattern.test(input))).toEqual([]);
  });
});

describe('schemas', () => {
  // valibot does the Lambdas' parsing; only the MCP server, whose SDK takes zod schemas for its
  // tools' input, bundles zod.
  it('no function but the MCP server bundles zod', () => {
    const withZod = bundles
      .filter((b) => b.inputs.some((input) => /node_modules\/zod\//.test(input)))
      .map((b) => b.name);
    expect(withZod).toEqual(['mcp']);
  });
});

describe('against the emulators', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });

  afterAll(async () => {
    await stack.close();
  });

  /** A copy of the skill's built directory without the named files beside its index.js. */
  function bundleWithout(...missing: string[]): string {
    const dir = join(outDir, `skill-without-${missing.join('-')}`);
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dirname(bundle))) {
      if (!missing.includes(name)) copyFileSync(join(dirname(bundle), name), join(dir, name));
    }
    return join(dir, 'index.js');
  }

  /**
   * What a bundled skill (by default the one built here) says to `request` in a fresh node, how
   * often it read a `.map`, and what it logged. `env` changes the process's environment; an
   * undefined value removes the variable.
   */
  async function answeredByTheBundle(
    config: Awaited<ReturnType<TestStack['freshConfig']>>,
    request: unknown,
    { file = bundle, env = {} }: { file?: string; env?: NodeJS.ProcessEnv } = {},
  ): Promise<string> {
    const script = `${COUNT_MAP_READS}
      require(${JSON.stringify(file)}).handler(JSON.parse(process.argv[1]), {})
        .then((r) => console.log(r.response.outputSpeech.ssml, 'map reads:', mapReads))
        .catch((e) => { console.error(e); process.exit(1); });`;
    const environment: NodeJS.ProcessEnv = {
      ...process.env,
      USER_ROLLUPS_TABLE: config.userRollupsTable,
      SENSOR_ROLLUPS_TABLE: config.sensorRollupsTable,
      ...env,
    };
    for (const [name, value] of Object.entries(environment)) {
      if (value === undefined) delete environment[name];
    }
    const { stdout, stderr } = await run(
      process.execPath,
      ['-e', script, JSON.stringify(request)],
      {
        env: environment,
      },
    );
    // Powertools writes warnings and errors to standard error.
    return `${stdout}${stderr}`;
  }

  it('answers a launch with the headline number, and reads no source map to do it', async () => {
    const config = await stack.freshConfig();
    await stack.putPlayerRollups(config, [playerRollup(Date.now() - 1000, 1234)]);
    const stdout = await answeredByTheBundle(config, launchRequest());
    expect(stdout).toContain('<voice name="Matthew">');
    expect(stdout).toContain('Live Pulse here. 1,234 players are online right now.');
    expect(stdout).toContain('map reads: 0');
  });

  describe('what loads on first use, from files of its own', () => {
    it('is not in the bundle a launch compiles', () => {
      const skill = bundles.find((b) => b.name === 'skill')!;
      expect(skill.apart).toEqual([
        'askSdkModel.js',
        'credentialChain.js',
        'de-DE.js',
        'en-GB.js',
        'en-US.js',
        'powertoolsLogger.js',
      ]);
      expect(
        skill.inputs.filter((input) =>
          /lambda\/skill\/i18n\/(en-US|en-GB|de-DE)\.ts$|@aws-lambda-powertools\/logger\/|node_modules\/ask-sdk-model\//.test(
            input,
          ),
        ),
      ).toEqual([]);
    });

    it.each([
      ['en-GB', 'Live Pulse here. 77 players are online right now.'],
      ['de-DE', 'Hier ist Live Puls. Gerade sind 77 Spieler online.'],
    ])(
      'answers a launch in %s with its words, with no other locale beside it',
      async (locale, said) => {
        const config = await stack.freshConfig();
        await stack.putPlayerRollups(config, [playerRollup(Date.now() - 1000, 77)]);
        const others = ['en-US', 'en-GB', 'de-DE']
          .filter((l) => l !== locale)
          .map((l) => `${l}.js`);
        const stdout = await answeredByTheBundle(config, launchRequest({ locale }), {
          file: bundleWithout(...others),
        });
        expect(stdout).toContain(said);
      },
    );

    it("makes ask-sdk-core's service client factory, for a skill with an API client, from ask-sdk-model's file", async () => {
      const file = join(outDir, 'apiClientSkill', 'index.js');
      const { apart } = await bundleEntry(join(ROOT, 'test/support/apiClientSkill.ts'), file);
      expect(apart).toEqual(['askSdkModel.js']);
      const { stdout } = await run(process.execPath, [
        '-e',
        `require(${JSON.stringify(file)}).handler(${JSON.stringify(launchRequest())}, {},
          (error, envelope) => console.log(error ?? envelope.response.outputSpeech.ssml))`,
      ]);
      expect(stdout.trim()).toBe(
        '<speak>someone@example.com from GET https://api.amazonalexa.com/v2/accounts/~current/settings/Profile.email</speak>',
      );
    });

    it('fails the build for a require() of ours it does not name', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pulse-apart-'));
      try {
        writeFileSync(join(dir, 'words.ts'), "export const hello = 'hello';\n");
        writeFileSync(
          join(dir, 'entry.ts'),
          "export const handler = () => (require('./words') as { hello: string }).hello;\n",
        );
        await expect(
          bundleEntry(join(dir, 'entry.ts'), join(dir, 'out', 'index.js')),
        ).rejects.toThrow(
          /require\('\.\/words'\) in .*entry\.ts: import it, or name it in FILES_APART/,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("the SDK's credentials", () => {
    /** A shared credentials file naming one profile, as `aws configure` writes it. */
    function credentialsFile(profile: string): string {
      const file = join(outDir, 'credentials');
      const { accessKeyId, secretAccessKey } = {
        accessKeyId: process.env.AWS_ACCESS_KEY_ID!,
        secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY!,
      };
      writeFileSync(
        file,
        `[${profile}]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
      );
      return file;
    }

    const withoutKeys = {
      // The failures below are read from the skill's error log.
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
    };

    it("come from the environment's keys, as Lambda gives them, without the rest of the chain", async () => {
      const skill = bundles.find((b) => b.name === 'skill')!;
      expect(
        skill.inputs.filter((input) =>
          /node_modules\/@aws-sdk\/(nested-clients|credential-provider-(node|ini|sso|process|web-identity|http|login))\//.test(
            input,
          ),
        ),
      ).toEqual([]);
      expect(statSync(join(dirname(bundle), 'credentialChain.js')).size).toBeGreaterThan(0);
      const config = await stack.freshConfig();
      await stack.putPlayerRollups(config, [playerRollup(Date.now() - 1000, 321)]);
      const stdout = await answeredByTheBundle(config, launchRequest(), {
        file: bundleWithout('credentialChain.js'),
      });
      expect(stdout).toContain('321 players are online right now.');
    });

    it('come from the whole chain, beside the bundle, when a profile is named', async () => {
      const config = await stack.freshConfig();
      await stack.putPlayerRollups(config, [playerRollup(Date.now() - 1000, 654)]);
      const stdout = await answeredByTheBundle(config, launchRequest(), {
        env: {
          ...withoutKeys,
          AWS_PROFILE: 'pulse-test',
          AWS_SHARED_CREDENTIALS_FILE: credentialsFile('pulse-test'),
          AWS_CONFIG_FILE: join(outDir, 'no-config'),
        },
      });
      expect(stdout).toContain('654 players are online right now.');
    });

    it('are a logged failure, and a spoken apology, when there are none anywhere', async () => {
      const config = await stack.freshConfig();
      const stdout = await answeredByTheBundle(config, launchRequest(), {
        env: {
          ...withoutKeys,
          AWS_SHARED_CREDENTIALS_FILE: join(outDir, 'no-credentials'),
          AWS_CONFIG_FILE: join(outDir, 'no-config'),
          // No instance metadata service here: the chain's last links must fail, not wait.
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      });
      expect(stdout).toContain('Could not load credentials from any providers');
      expect(stdout).toContain('Sorry, I can&apos;t reach the live numbers right now.');
    });

    it('name a missing chain file when they need it', async () => {
      const config = await stack.freshConfig();
      const stdout = await answeredByTheBundle(config, launchRequest(), {
        file: bundleWithout('credentialChain.js'),
        env: { ...withoutKeys, AWS_PROFILE: 'pulse-test' },
      });
      expect(stdout).toContain("Cannot find module './credentialChain.js'");
    });
  });

  it("logs a failed call's trace with our files, and a package's frames at their place in the bundle", async () => {
    const config = await stack.freshConfig();
    const stdout = await answeredByTheBundle(config, launchRequest(), {
      // Nothing listens there: the launch's Query fails, and the skill logs its trace.
      env: { POWERTOOLS_LOG_LEVEL: 'ERROR', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9' },
    });
    const logged = JSON.parse(stdout.split('\n').find((line) => line.startsWith('{'))!) as {
      error: { stack: string };
    };
    const frames = logged.error.stack.split('\n').slice(1);
    expect(
      frames.some((frame) =>
        / \((?:.*\/)?lambda\/skill\/topics\/launch\.ts:\d+:\d+\)$/.test(frame),
      ),
    ).toBe(true);
    // ask-sdk-core's dispatch: on the bundle's long minified lines, the nearest of our mappings
    // before it must not claim it.
    const dispatch = frames.filter((frame) => /\.dispatch(Request)?\b/.test(frame));
    expect(dispatch.length).toBeGreaterThan(0);
    for (const frame of dispatch) expect(frame).toMatch(/skill\/index\.js:\d+:\d+\)$/);
  });

  it("answers a station's status through the IoT data-plane client made on first use", async () => {
    const config = await stack.freshConfig();
    const seattle = 'vzqHb8vgh0';
    await stack.updateShadow(seattle, { reported: { light: 'on', batteryPercent: 87 } });
    const request = intentRequest(Intent.StationStatus, {
      [Slot.Station]: { value: 'Seattle', id: seattle },
    });
    const stdout = await answeredByTheBundle(config, request);
    expect(stdout).toContain('Seattle Harbor last reported');
    expect(stdout).toContain('the light on');
    expect(stdout).toContain('the battery at 87 percent');
  });
});

/** Counts the reads of a `.map` file in the child process: the bundle's fs is this same module. */
const COUNT_MAP_READS = `
  const fs = require('node:fs');
  const readFileSync = fs.readFileSync;
  let mapReads = 0;
  fs.readFileSync = (file, ...rest) => {
    if (String(file).endsWith('.map')) mapReads += 1;
    return readFileSync(file, ...rest);
  };`;

describe('stack traces', () => {
  /** The 1-based line of the first line of `file` that contains `text`. */
  function lineOf(file: string, text: string): number {
    const index = readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text));
    if (index < 0) throw new Error(`${file} has no line with ${text}`);
    return index + 1;
  }

  it("name Pulse's source files and lines, reading the map once, when a trace is read", async () => {
    // A malformed envelope: the skill throws MalformedRequestError from envelope.ts.
    const script = `${COUNT_MAP_READS}
      const { handler } = require(${JSON.stringify(bundle)});
      const afterLoad = mapReads;
      handler({ version: '1.0' }, {}).then(
        () => process.exit(1),
        (error) => {
          const first = error.stack;
          const again = new Error('second').stack;
          console.log(JSON.stringify({ afterLoad, first, again, mapReads }));
        },
      );`;
    // As Lambda runs it: no NODE_OPTIONS.
    const { stdout } = await run(process.execPath, ['-e', script], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const { afterLoad, first, again, mapReads } = JSON.parse(stdout) as Record<string, unknown>;
    expect(afterLoad).toBe(0);
    const throwLine = lineOf(
      'lambda/skill/request/envelope.ts',
      'throw new MalformedRequestError(described(parsed.issues))',
    );
    const frames = String(first).split('\n');
    expect(frames[0]).toMatch(/^MalformedRequestError: /);
    expect(frames[1]).toMatch(
      new RegExp(
        `^    at parseRequestEnvelope \\((?:.*/)?lambda/skill/request/envelope\\.ts:${throwLine}:\\d+\\)$`,
      ),
    );
    expect(first).toMatch(/at .* \((?:.*\/)?lambda\/skill\/index\.ts:\d+:\d+\)/);
    // A trace that does not pass through the bundle is left as Node writes it.
    expect(String(again).split('\n')[1]).toMatch(/^ {4}at .*\[eval\]/);
    expect(mapReads).toBe(1);
  });

  it("keep the bundle's places when its map is missing", async () => {
    const alone = join(outDir, 'without-map', 'index.js');
    mkdirSync(dirname(alone), { recursive: true });
    copyFileSync(bundle, alone);
    const script = `
      const { handler } = require(${JSON.stringify(alone)});
      handler({ version: '1.0' }, {}).catch((error) => console.log(error.stack));`;
    const { stdout } = await run(process.execPath, ['-e', script], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(stdout).toMatch(/^MalformedRequestError: /);
    expect(stdout.split('\n')[1]).toMatch(/^ {4}at \S+ \(.*without-map\/index\.js:\d+:\d+\)$/);
  });

  it('are left to Node when it maps them itself (--enable-source-maps)', async () => {
    const script = `
      const { handler } = require(${JSON.stringify(bundle)});
      handler({ version: '1.0' }, {}).catch((error) => console.log(error.stack));`;
    const { stdout } = await run(process.execPath, ['-e', script], {
      env: { ...process.env, NODE_OPTIONS: '--enable-source-maps' },
    });
    expect(stdout).toMatch(/lambda\/skill\/request\/envelope\.ts:\d+:\d+/);
  });
});
