/** Presigned S3 GET URLs from SigV4 alone: AWS's published example, the URL shapes the S3 client uses, the limits. */
import { presignS3Get, s3GetPresigner, s3ObjectUrl } from '../../lambda/aws/s3Presigner';

// "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", Amazon S3 API
// Reference: the example GET of examplebucket/test.txt, and the URL the page gives for it.
const AWS_EXAMPLE = {
  credentials: {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  },
  region: 'us-east-1',
  expiresInSeconds: 86400,
  signingDate: new Date('2013-05-24T00:00:00Z'),
};
const AWS_EXAMPLE_URL =
  'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';

const sorted = (url: string) => {
  const parsed = new URL(url);
  parsed.searchParams.sort();
  return parsed.toString();
};

describe('presignS3Get', () => {
  it("reproduces the presigned URL of AWS's SigV4 example exactly", async () => {
    const url = await presignS3Get(
      new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      AWS_EXAMPLE,
    );
    expect(sorted(url)).toBe(sorted(AWS_EXAMPLE_URL));
    expect(new URL(url).searchParams.get('X-Amz-Signature')).toBe(
      'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
  });

  it('signs a session token into the URL, changing the signature', async () => {
    const url = new URL(
      await presignS3Get(new URL('https://examplebucket.s3.amazonaws.com/test.txt'), {
        ...AWS_EXAMPLE,
        credentials: { ...AWS_EXAMPLE.credentials, sessionToken: 'token/with+odd=chars' },
      }),
    );
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('token/with+odd=chars');
    expect(url.searchParams.get('X-Amz-Signature')).not.toBe(
      'aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
  });

  it('asks no header of whoever fetches it: the host is the only signed header', async () => {
    const url = new URL(
      await presignS3Get(new URL('https://b.s3.eu-west-1.amazonaws.com/posts/p.mp3'), {
        ...AWS_EXAMPLE,
        region: 'eu-west-1',
      }),
    );
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.has('X-Amz-Content-Sha256')).toBe(false);
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/\/eu-west-1\/s3\/aws4_request$/);
  });

  it.each([0, -1, 1.5, 604_801])('refuses a validity of %s seconds', async (seconds) => {
    await expect(
      presignS3Get(new URL('https://b.s3.amazonaws.com/k'), {
        ...AWS_EXAMPLE,
        expiresInSeconds: seconds,
      }),
    ).rejects.toThrow(RangeError);
  });

  it("accepts S3's longest validity, seven days", async () => {
    const url = await presignS3Get(new URL('https://b.s3.amazonaws.com/k'), {
      ...AWS_EXAMPLE,
      expiresInSeconds: 604_800,
    });
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('604800');
  });
});

describe('s3ObjectUrl', () => {
  it("addresses a bucket by host name in AWS, as the S3 client does, keys encoded as S3's", () => {
    expect(s3ObjectUrl('examplebucket', 'posts/a b+(c)*.mp3', { region: 'us-east-1' }).href).toBe(
      'https://examplebucket.s3.us-east-1.amazonaws.com/posts/a%20b%2B%28c%29%2A.mp3',
    );
    expect(s3ObjectUrl('audio', 'posts/Grüße.mp3', { region: 'cn-north-1' }).href).toBe(
      'https://audio.s3.cn-north-1.amazonaws.com.cn/posts/Gr%C3%BC%C3%9Fe.mp3',
    );
  });

  it('addresses by path a bucket that cannot be a host name, and any bucket behind an endpoint override', () => {
    expect(s3ObjectUrl('my.dotted.bucket', 'k', { region: 'us-east-1' }).href).toBe(
      'https://s3.us-east-1.amazonaws.com/my.dotted.bucket/k',
    );
    expect(
      s3ObjectUrl('pulse-posts', 'posts/p-1.mp3', {
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:4302',
      }).href,
    ).toBe('http://127.0.0.1:4302/pulse-posts/posts/p-1.mp3');
  });
});

describe('s3GetPresigner', () => {
  it('takes the region and the endpoint override from the standard variables', async () => {
    const presigner = s3GetPresigner(
      { AWS_REGION: 'eu-central-1', AWS_ENDPOINT_URL_S3: 'http://localhost:9000' },
      async () => AWS_EXAMPLE.credentials,
    );
    const url = new URL(await presigner.presignGet('pulse-posts', 'posts/p.mp3', 300));
    expect(`${url.origin}${url.pathname}`).toBe('http://localhost:9000/pulse-posts/posts/p.mp3');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/\/eu-central-1\/s3\//);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
  });

  it('says which credentials are missing rather than signing with none', async () => {
    const presigner = s3GetPresigner({ AWS_REGION: 'us-east-1' }, async () => {
      throw new Error('Could not load credentials from any providers');
    });
    await expect(presigner.presignGet('b', 'k', 60)).rejects.toThrow(/credentials/);
  });
});
