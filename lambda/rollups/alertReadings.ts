/** What alert evaluation reads after ingestion wrote rollups: the subject's window whole, every shard's partial merged. */
import type { AlertReadings } from '../alerts/evaluation';
import type { PlayerRollupReader } from './playerRollups';
import type { SensorRollupReader } from './sensorRollups';

export function alertReadings(
  sensors: Pick<SensorRollupReader, 'sensorWindowsBetween'>,
  players: Pick<PlayerRollupReader, 'latestPlayerCount'>,
): AlertReadings {
  return {
    async sensorWindow(stationId, sensor, windowTime) {
      const [window] = await sensors.sensorWindowsBetween(
        stationId,
        sensor,
        windowTime,
        windowTime,
      );
      return window && { value: window.average, windowTime: window.windowTime };
    },
    async latestPlayers() {
      const latest = await players.latestPlayerCount();
      return latest && { value: latest.userCount, windowTime: latest.windowTime };
    },
  };
}
