/**
 * Answers to what a tool asks the client mid-call. Without sessions, the question travels on the
 * tool call's own response stream, but the client's answer comes back in a POST of its own, which
 * a new server would not recognise. So a server's requests leave with ids unique in this process,
 * and the endpoint hands each answer to the call still waiting for it. This works where responses
 * stream and every request reaches one process (the local stack), not behind API Gateway.
 */
import { randomUUID } from 'node:crypto';
import type {
  Transport,
  TransportSendOptions,
} from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  isJSONRPCRequest,
  type JSONRPCErrorResponse,
  type JSONRPCMessage,
  type JSONRPCResultResponse,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';

export type ClientAnswer = JSONRPCResultResponse | JSONRPCErrorResponse;

export class WaitingCalls {
  private readonly waiting = new Map<RequestId, (answer: ClientAnswer) => void>();

  /** Whether a call here waits for the answer with this id. */
  awaits(id: RequestId): boolean {
    return this.waiting.has(id);
  }

  /** Hands the answer to the call waiting for it; false when none is. */
  deliver(answer: ClientAnswer): boolean {
    const receive = answer.id === undefined ? undefined : this.waiting.get(answer.id);
    if (receive === undefined || answer.id === undefined) return false;
    this.waiting.delete(answer.id);
    receive(answer);
    return true;
  }

  /** The transport a request's server talks through, its requests given ids this class can route back. */
  route(inner: Transport): Transport {
    const waiting = this.waiting;
    const mine = new Set<RequestId>();
    const routed: Transport = {
      start: () => inner.start(),
      async send(message: JSONRPCMessage, options?: TransportSendOptions) {
        if (!isJSONRPCRequest(message)) return inner.send(message, options);
        const relayed = `pulse-${randomUUID()}`;
        mine.add(relayed);
        waiting.set(relayed, (answer) => {
          mine.delete(relayed);
          routed.onmessage?.({ ...answer, id: message.id });
        });
        return inner.send({ ...message, id: relayed }, options);
      },
      async close() {
        for (const id of mine) waiting.delete(id);
        mine.clear();
        await inner.close();
      },
      setProtocolVersion: (protocolVersion: string) => inner.setProtocolVersion?.(protocolVersion),
    };
    inner.onmessage = (message, extra) => routed.onmessage?.(message, extra);
    inner.onerror = (error) => routed.onerror?.(error);
    inner.onclose = () => {
      for (const id of mine) waiting.delete(id);
      routed.onclose?.();
    };
    return routed;
  }
}
