/**
 * Secrets Manager's GetSecretValue for the real @aws-sdk/client-secrets-manager (the JSON 1.1
 * protocol): what the notify Lambda reads its client secret from. Only tests need it; the local
 * stack hands its emulator's made-up secret to notify directly.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalSecrets {
  readonly url: string;
  /** GetSecretValue calls so far. */
  reads(): number;
  close(): Promise<void>;
}

/** Serves the given secrets, by ARN or name. */
export async function startSecretsManager(secrets: Record<string, string>): Promise<LocalSecrets> {
  let reads = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(body));
      };
      if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue')
        return reply(400, {
          __type: 'UnknownOperationException',
          message: `${String(request.headers['x-amz-target'])} is not served here`,
        });
      reads += 1;
      const { SecretId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        SecretId?: string;
      };
      const value = SecretId === undefined ? undefined : secrets[SecretId];
      if (value === undefined)
        return reply(400, {
          __type: 'ResourceNotFoundException',
          Message: "Secrets Manager can't find the specified secret.",
        });
      reply(200, {
        ARN: SecretId,
        Name: SecretId!.split(':').at(-1),
        SecretString: value,
        VersionId: '00000000-0000-0000-0000-000000000001',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 1_800_000_000,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reads: () => reads,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
