/** The skill's data sources, built from the configuration: rollups in DynamoDB, shadows in IoT. */
import { dynamoDocumentClient, iotDataClient } from '../aws/clients';
import { stationCatalog } from '../devices/catalog';
import { stationShadows } from '../devices/shadows';
import { sensorRollupRepository } from '../rollups/sensorRollups';
import { userRollupRepository } from '../rollups/userRollups';
import type { SkillConfig } from './config';
import type { SkillServices } from './conversation';

export function createSkillServices(
  config: SkillConfig,
  now: () => number = Date.now,
): SkillServices {
  const timeoutMs = config.dependencyTimeoutMs;
  const dynamo = dynamoDocumentClient({ timeoutMs });
  return {
    users: userRollupRepository({
      client: dynamo,
      tableName: config.userRollupsTable,
      timeoutMs,
      now,
    }),
    sensors: sensorRollupRepository({
      client: dynamo,
      tableName: config.sensorRollupsTable,
      timeoutMs,
      now,
    }),
    shadows: stationShadows({ client: iotDataClient({ timeoutMs }), timeoutMs }),
    catalog: stationCatalog,
    now,
  };
}
