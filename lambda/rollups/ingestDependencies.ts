/** What the ingestion Lambdas share: configuration, the DynamoDB writers, logger and metrics. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { dynamoDocumentClient } from '../aws/clients';
import { readIngestConfig, type IngestConfig } from './ingestConfig';
import { playerPartialWriter, type PlayerPartialWriter } from './playerPartials';
import { rollupWriter, type RollupWriter } from './writer';

export interface IngestDependencies {
  readonly config: IngestConfig;
  readonly writer: RollupWriter;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** Built on a function's first invocation, never at load. */
export function ingestDependencies(functionName: 'persist' | 'aggregate'): IngestDependencies & {
  readonly partials: PlayerPartialWriter;
} {
  const config = readIngestConfig();
  // Writes may wait on throttling back-off; a whole batch has the Lambda's timeout, not 3 s.
  const client = dynamoDocumentClient({ timeoutMs: 5000 });
  return {
    config,
    writer: rollupWriter({ client, maxAttempts: config.writeMaxAttempts }),
    partials: playerPartialWriter(client),
    logger: new Logger({ serviceName: `pulse-${functionName}` }),
    metrics: new Metrics({ namespace: 'Pulse', serviceName: functionName }),
  };
}
