/** Local S3: s3rver 3.7.1 in process on 127.0.0.1, objects kept in a directory, anonymous requests refused. */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { serveOnLoopback } from '../loopback';

// s3rver ships no types; this is the part of its API Pulse uses.
interface S3rverApp {
  /** Koa's request listener: the whole S3 API, without s3rver's own listener. */
  getMiddleware(): (request: IncomingMessage, response: ServerResponse) => void;
  logger: { close(): void };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: {
  silent: boolean;
  directory: string;
  resetOnClose: boolean;
}) => S3rverApp;

export interface LocalS3 {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface LocalS3Options {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Buckets and objects live here (one folder per bucket); start again on it and they are back. */
  directory: string;
  /**
   * s3rver itself serves every request, signed or not, as if every object were public-read. By
   * default an unsigned request is answered 403 AccessDenied, as S3 answers an anonymous request
   * for a private object; `true` restores s3rver's behaviour.
   */
  allowAnonymous?: boolean;
}

/**
 * Whether the request carries a signature, in the Authorization header or in the query (presigned
 * URL). Only its presence is checked here; s3rver then checks the access key ID and a presigned
 * URL's expiry, not the signature itself.
 */
function isSigned(request: IncomingMessage): boolean {
  if (request.headers.authorization !== undefined) return true;
  const query = new URL(request.url ?? '/', 'http://s3.local').searchParams;
  return query.has('X-Amz-Algorithm') || query.has('Signature');
}

function refuseAnonymous(response: ServerResponse): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>${requestId}</RequestId>` +
    `<HostId>${randomBytes(32).toString('base64')}</HostId></Error>`;
  response.writeHead(403, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-amz-request-id': requestId,
  });
  response.end(body);
}

/** Starts s3rver on the loopback interface, silent, storing into `directory`. */
export async function startS3(options: LocalS3Options): Promise<LocalS3> {
  const s3rver = new S3rver({ silent: true, directory: options.directory, resetOnClose: false });
  const serveS3 = s3rver.getMiddleware();
  const server = createServer((request, response) => {
    // CORS preflights carry no credentials in S3 either; s3rver answers them from the bucket's CORS rules.
    if (!options.allowAnonymous && request.method !== 'OPTIONS' && !isSigned(request)) {
      request.resume();
      refuseAnonymous(response);
      return;
    }
    serveS3(request, response);
  });
  const service = await serveOnLoopback(server, options.port);
  return {
    url: service.url,
    port: service.port,
    close: async () => {
      await service.close();
      s3rver.logger.close();
    },
  };
}
