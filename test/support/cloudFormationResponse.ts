/**
 * A stand-in for the presigned S3 URL a custom resource answers CloudFormation on: it takes a PUT,
 * refuses a request whose content type differs from the signed (empty) one as S3 does
 * (403 SignatureDoesNotMatch), and records each answer. It can fail the next PUTs with a 500.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CustomResourceAnswer {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly Data?: Record<string, string>;
}

export interface ResponseUrl {
  /** A URL shaped like CloudFormation's (a signed query string), on loopback. */
  readonly url: string;
  /** Every answer accepted, in order. */
  readonly answers: CustomResourceAnswer[];
  /** PUTs refused so far (failures asked for, or a bad content type). */
  readonly refused: number;
  /** The next `count` PUTs get a 500, as S3 sometimes answers. */
  failNext(count: number): void;
  close(): Promise<void>;
}

export async function startResponseUrl(): Promise<ResponseUrl> {
  const answers: CustomResourceAnswer[] = [];
  let failures = 0;
  let refused = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const refuse = (status: number, code: string) => {
        refused += 1;
        response.writeHead(status, { 'content-type': 'application/xml' });
        response.end(`<Error><Code>${code}</Code></Error>`);
      };
      if (request.method !== 'PUT') return refuse(405, 'MethodNotAllowed');
      // The URL is signed with no content type: any other one breaks the signature.
      if ((request.headers['content-type'] ?? '') !== '')
        return refuse(403, 'SignatureDoesNotMatch');
      if (failures > 0) {
        failures -= 1;
        return refuse(500, 'InternalError');
      }
      answers.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as CustomResourceAnswer);
      response.writeHead(200);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/cloudformation-custom-resource-response-useast1/arn%3Aaws%3Acloudformation%3Aus-east-1%3A123456789012%3Astack/pulse/1%7CIotDataEndpoint%7Crequest?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=7200&X-Amz-Signature=abc`,
    answers,
    get refused() {
      return refused;
    },
    failNext(count) {
      failures = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
