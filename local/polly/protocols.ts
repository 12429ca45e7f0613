/** One loopback port for HTTP/1.1 and cleartext HTTP/2: PollyClient speaks HTTP/2 unless given an HTTP/1.1 handler, and Pulse's clients give one. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type ServerHttp2Session,
} from 'node:http2';
import type { Socket } from 'node:net';
import { serveOnLoopback, type LoopbackService } from '../loopback';

export type AnyRequest = IncomingMessage | Http2ServerRequest;
export type AnyResponse = ServerResponse | Http2ServerResponse;

/** What a client speaking HTTP/2 with prior knowledge sends first (RFC 9113, section 3.4). */
const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

function startsLikeHttp2(chunk: Buffer): boolean {
  const length = Math.min(chunk.length, HTTP2_PREFACE.length);
  return chunk.subarray(0, length).equals(HTTP2_PREFACE.subarray(0, length));
}

/**
 * Serves `handler` over both protocols on 127.0.0.1. The HTTP/1.1 server listens; each new connection's
 * first bytes decide whether it stays with it or goes to an HTTP/2 server that never listens itself.
 */
export async function serveHttp1And2(
  handler: (request: AnyRequest, response: AnyResponse) => void,
  port = 0,
): Promise<LoopbackService> {
  const http1 = createServer(handler);
  const http2 = createHttp2Server();
  http2.on('request', handler);
  const sessions = new Set<ServerHttp2Session>();
  http2.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  const undecided = new Set<Socket>();
  // The HTTP/1.1 server's own connection listener; kept so it still tracks (and can close) its sockets.
  const http1Listeners = http1.listeners('connection') as Array<(socket: Socket) => void>;
  http1.removeAllListeners('connection');
  http1.on('connection', (socket: Socket) => {
    undecided.add(socket);
    socket.once('close', () => undecided.delete(socket));
    socket.once('data', (chunk: Buffer) => {
      undecided.delete(socket);
      socket.pause();
      socket.unshift(chunk);
      if (startsLikeHttp2(chunk)) {
        // The HTTP/2 session reads what is buffered itself; resuming would hand it the preface twice.
        http2.emit('connection', socket);
        return;
      }
      for (const listener of http1Listeners) listener.call(http1, socket);
      socket.resume();
    });
  });
  const service = await serveOnLoopback(http1, port);
  return {
    url: service.url,
    port: service.port,
    close: () => {
      // server.close() waits for every socket; HTTP/1.1 ones are closed by the service, these are not.
      for (const socket of undecided) socket.destroy();
      for (const session of sessions) session.destroy();
      return service.close();
    },
  };
}
