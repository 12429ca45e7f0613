/** The put request of a whole window or a sensor partial, with its table, key and TTL, for the batch writer. */
import type { IngestConfig } from './ingestConfig';
import { rollupExpiresAt } from './retention';
import { sensorRollupToItem } from './sensorRollupItems';
import type { SensorRollup } from './sensorRollups';
import { SENSOR_ROLLUPS_TABLE, USER_ROLLUPS_TABLE, type TableDesign } from './tables';
import { playerRollupToItem } from './playerRollupItems';
import type { PlayerRollup } from './playerRollups';
import type { PutRequest } from './writer';

const keyAttributes = (design: TableDesign) => [design.partitionKey.name, design.sortKey.name];

export function playerRollupPut(
  config: IngestConfig,
  rollup: PlayerRollup,
  arrivalMs: number,
): PutRequest {
  return {
    table: config.userRollupsTable,
    item: playerRollupToItem(rollup, rollupExpiresAt(config, rollup.windowTime, arrivalMs)),
    keyAttributes: keyAttributes(USER_ROLLUPS_TABLE),
  };
}

/** A whole window (persist), or with `source` one shard's partial of it (aggregate). */
export function sensorRollupPut(
  config: IngestConfig,
  rollup: SensorRollup,
  arrivalMs: number,
  source?: string,
): PutRequest {
  return {
    table: config.sensorRollupsTable,
    item: sensorRollupToItem(rollup, rollupExpiresAt(config, rollup.windowTime, arrivalMs), source),
    keyAttributes: keyAttributes(SENSOR_ROLLUPS_TABLE),
  };
}
