/** Local S3 (s3rver) through the real @aws-sdk/client-s3: round trips, presigned URLs, restarts, private objects, env configuration. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ensureBucket, s3ClientConfigForLocal, startS3, type LocalS3 } from '../../local/s3';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../../local/environment';
import { presignS3Get, s3GetPresigner, s3ObjectUrl } from '../../lambda/aws/s3Presigner';
import { audioUrls } from '../../lambda/posts/audioUrls';

const BUCKET = 'pulse-posts';
/** Not a real MP3, but every byte value, so any re-encoding on the way would show. */
const AUDIO = Buffer.concat([
  Buffer.from('ID3'),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
]);

let directory: string;
const running: { s3: LocalS3; client: S3Client }[] = [];
/** Clients built from the environment, destroyed after each test. */
const envClients: S3Client[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'pulse-s3-'));
});

afterEach(async () => {
  for (const client of envClients.splice(0)) client.destroy();
  for (const { s3, client } of running.splice(0)) {
    client.destroy();
    await s3.close();
  }
  rmSync(directory, { recursive: true, force: true });
});

async function start(options: { allowAnonymous?: boolean } = {}) {
  const s3 = await startS3({ directory, ...options });
  const client = new S3Client(s3ClientConfigForLocal(s3));
  running.push({ s3, client });
  await ensureBucket(client, BUCKET);
  return { s3, client };
}

async function putAudio(client: S3Client, key: string): Promise<void> {
  await client.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      Body: AUDIO,
      ContentType: 'audio/mpeg',
      Metadata: { 'post-id': 'p-1', voice: 'Matthew' },
    }),
  );
}

it('PutObject and GetObject round-trip bytes, content type and metadata exactly', async () => {
  const { client } = await start();
  await putAudio(client, 'posts/p-1.mp3');
  const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'posts/p-1.mp3' }));
  expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(AUDIO);
  expect(object.ContentType).toBe('audio/mpeg');
  expect(object.ContentLength).toBe(AUDIO.length);
  expect(object.Metadata).toEqual({ 'post-id': 'p-1', voice: 'Matthew' });
});

it('a presigned GET URL fetched with plain fetch returns the bytes with their content type', async () => {
  const { client } = await start();
  await putAudio(client, 'posts/p-2.mp3');
  const url = await getSignedUrl(
    client,
    new GetObjectCommand({ Bucket: BUCKET, Key: 'posts/p-2.mp3' }),
    { expiresIn: 300 },
  );
  expect(url).toContain('X-Amz-Signature=');
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('audio/mpeg');
  expect(Buffer.from(await response.arrayBuffer())).toEqual(AUDIO);
});

it('refuses a presigned URL past its expiry', async () => {
  const { client } = await start();
  await putAudio(client, 'posts/p-6.mp3');
  const url = await getSignedUrl(
    client,
    new GetObjectCommand({ Bucket: BUCKET, Key: 'posts/p-6.mp3' }),
    { expiresIn: 60, signingDate: new Date(Date.now() - 3_600_000) },
  );
  const response = await fetch(url);
  expect(response.status).toBe(403);
  expect(await response.text()).toContain('Request has expired');
});

it('s3rver does not verify SigV4 signatures: a presigned URL with a forged signature still works', async () => {
  const { client } = await start();
  await putAudio(client, 'posts/p-7.mp3');
  const url = new URL(
    await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: 'posts/p-7.mp3' })),
  );
  url.searchParams.set('X-Amz-Signature', '0'.repeat(64));
  const response = await fetch(url);
  expect(response.status).toBe(200);
});

it('keeps buckets and objects across a restart on the same directory', async () => {
  const first = await startS3({ directory });
  const firstClient = new S3Client(s3ClientConfigForLocal(first));
  await ensureBucket(firstClient, BUCKET);
  await putAudio(firstClient, 'posts/p-3.mp3');
  firstClient.destroy();
  await first.close();

  const { client } = await start();
  const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'posts/p-3.mp3' }));
  expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(AUDIO);
  expect(object.Metadata).toEqual({ 'post-id': 'p-1', voice: 'Matthew' });
});

it('ensureBucket is idempotent', async () => {
  const { client } = await start();
  await ensureBucket(client, BUCKET);
  await ensureBucket(client, BUCKET);
  const { Buckets } = await client.send(new ListBucketsCommand({}));
  expect(Buckets?.map((bucket) => bucket.Name)).toEqual([BUCKET]);
});

describe('private objects', () => {
  it('answers an unsigned GET with 403 AccessDenied, as S3 does for a private object', async () => {
    const { s3, client } = await start();
    await putAudio(client, 'posts/p-4.mp3');
    const response = await fetch(`${s3.url}/${BUCKET}/posts/p-4.mp3`);
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).not.toContain('ID3');
  });

  it('s3rver on its own serves unsigned GETs: every object is effectively public-read', async () => {
    const { s3, client } = await start({ allowAnonymous: true });
    await putAudio(client, 'posts/p-5.mp3');
    const response = await fetch(`${s3.url}/${BUCKET}/posts/p-5.mp3`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(AUDIO);
  });
});

describe('configuration from the standard environment variables only', () => {
  const VARIABLES = [
    'AWS_ENDPOINT_URL_S3',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_REGION',
    'AWS_REQUEST_CHECKSUM_CALCULATION',
    'AWS_RESPONSE_CHECKSUM_VALIDATION',
  ];
  const saved = new Map<string, string | undefined>();
  beforeEach(() => VARIABLES.forEach((name) => saved.set(name, process.env[name])));
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  function useLocalS3(s3: LocalS3, checksumsWhenRequired: boolean): void {
    process.env.AWS_ENDPOINT_URL_S3 = s3.url;
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    delete process.env.AWS_SESSION_TOKEN;
    process.env.AWS_REGION = 'us-east-1';
    if (checksumsWhenRequired) {
      process.env.AWS_REQUEST_CHECKSUM_CALCULATION = 'WHEN_REQUIRED';
      process.env.AWS_RESPONSE_CHECKSUM_VALIDATION = 'WHEN_REQUIRED';
    } else {
      delete process.env.AWS_REQUEST_CHECKSUM_CALCULATION;
      delete process.env.AWS_RESPONSE_CHECKSUM_VALIDATION;
    }
  }

  async function streamedRoundTrip(client: S3Client, key: string): Promise<Buffer> {
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: Readable.from([AUDIO.subarray(0, 100), AUDIO.subarray(100)]),
        ContentLength: AUDIO.length,
        ContentType: 'audio/mpeg',
      }),
    );
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  it('a plain new S3Client({}) works against s3rver, streamed uploads included', async () => {
    const { s3 } = await start();
    useLocalS3(s3, true);
    // No forcePathStyle: with an IP address as endpoint the SDK addresses the bucket by path anyway.
    const client = new S3Client({});
    envClients.push(client);
    expect(await streamedRoundTrip(client, 'posts/streamed.mp3')).toEqual(AUDIO);
    const head = await client.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: 'posts/streamed.mp3' }),
    );
    expect(head.ContentType).toBe('audio/mpeg');
  });

  it('with a host name as endpoint the SDK addresses <bucket>.<host>: forcePathStyle comes from no variable', async () => {
    const { s3 } = await start();
    useLocalS3(s3, true);
    process.env.AWS_ENDPOINT_URL_S3 = `http://localhost:${s3.port}`;
    const hosts: string[] = [];
    /** Records where the request would go, then stops it before any connection is made. */
    const capture = (client: S3Client): S3Client => {
      client.middlewareStack.add(
        () => (args) => {
          const { hostname, path } = args.request as { hostname: string; path: string };
          hosts.push(`${hostname}${path}`);
          return Promise.reject(new Error('captured'));
        },
        { step: 'finalizeRequest', priority: 'low' },
      );
      return client;
    };
    const plain = capture(new S3Client({ maxAttempts: 1 }));
    const pathStyle = capture(new S3Client({ maxAttempts: 1, forcePathStyle: true }));
    envClients.push(plain, pathStyle);
    for (const client of [plain, pathStyle]) {
      await expect(
        client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'posts/p.mp3' })),
      ).rejects.toThrow('captured');
    }
    expect(hosts).toEqual([`${BUCKET}.localhost/posts/p.mp3`, `localhost/${BUCKET}/posts/p.mp3`]);
  });

  it('without the checksum variables a streamed upload is stored with its aws-chunked framing', async () => {
    const { s3 } = await start();
    useLocalS3(s3, false);
    const client = new S3Client({});
    envClients.push(client);
    const stored = await streamedRoundTrip(client, 'posts/framed.mp3');
    expect(stored).not.toEqual(AUDIO);
    expect(stored.toString('latin1')).toContain('x-amz-checksum-crc32:');
  });
});

describe('audio URLs presigned with SigV4 alone (what the skill and the posts API hand out)', () => {
  const presignerFor = (s3: LocalS3) =>
    s3GetPresigner(
      { AWS_REGION: EMULATOR_REGION, AWS_ENDPOINT_URL_S3: s3.url },
      async () => EMULATOR_CREDENTIALS,
    );

  it('fetch with a plain GET gets the bytes and their content type, keys with spaces and umlauts too', async () => {
    const { s3, client } = await start();
    for (const key of ['posts/p-8.mp3', 'posts/Grüße aus Köln (1).mp3']) {
      await putAudio(client, key);
      const urls = audioUrls({ bucket: BUCKET, presigner: presignerFor(s3) });
      const response = await fetch(await urls.url(key, 300));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('audio/mpeg');
      expect(Buffer.from(await response.arrayBuffer())).toEqual(AUDIO);
    }
  });

  it('is refused past its expiry', async () => {
    const { s3, client } = await start();
    await putAudio(client, 'posts/p-9.mp3');
    const url = await presignS3Get(
      s3ObjectUrl(BUCKET, 'posts/p-9.mp3', { region: EMULATOR_REGION, endpoint: s3.url }),
      {
        credentials: EMULATOR_CREDENTIALS,
        region: EMULATOR_REGION,
        expiresInSeconds: 60,
        signingDate: new Date(Date.now() - 3_600_000),
      },
    );
    const response = await fetch(url);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
  });

  it('names an object that is not there with a 404, not a broken URL', async () => {
    const { s3 } = await start();
    const response = await fetch(await presignerFor(s3).presignGet(BUCKET, 'posts/none.mp3', 60));
    expect(response.status).toBe(404);
  });
});
