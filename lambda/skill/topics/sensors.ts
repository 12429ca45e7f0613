/** A sensor type at a station over its latest 60-second window. */
import type { RequestHandler } from 'ask-sdk-core';
import { Intent } from '../../../domain/names';
import { answer } from '../answer';
import { freshness, stalePrefix } from '../phrases';
import { isIntent } from '../request/requests';
import { chooseSensorAtStation } from '../request/station';
import type { SkillDependencies } from '../services';
import { againstUsualOrNothing, usualSentences } from '../usual';

export function sensorHandlers({
  sensors,
  statistics,
  catalog,
  config,
  now,
  voiceOf,
}: Pick<
  SkillDependencies,
  'sensors' | 'statistics' | 'catalog' | 'config' | 'now' | 'voiceOf'
>): RequestHandler[] {
  const SensorReading: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.SensorReading),
    async handle(input) {
      const voice = voiceOf(input);
      const { t, number } = voice;

      const chosen = chooseSensorAtStation(input, voice, catalog);
      if ('question' in chosen) return answer(input, voice, { question: chosen.question });
      if ('notMeasured' in chosen) {
        return answer(input, voice, { sentences: [chosen.notMeasured], card: 'cards.sensors' });
      }
      const { sensor, station, words, sensorsOfType } = chosen;

      // What is usual for the hour is read beside the latest window, and said only when it is not.
      const [window, against] = await Promise.all([
        sensors.latestSensorWindow(station.id, sensor, sensorsOfType.length),
        againstUsualOrNothing(() =>
          statistics.sensorAgainstUsual({ stationId: station.id, sensor }),
        ),
      ]);
      if (!window) {
        return answer(input, voice, {
          sentences: [t('sensors.none', words)],
          card: 'cards.sensors',
        });
      }
      const fresh = freshness(
        voice,
        window.windowTime,
        now(),
        config.sensorRollupStaleSeconds,
        station.timeZone,
      );
      const decimals = Math.abs(window.average) < 10 ? 2 : 1;
      const sentences = [
        ...stalePrefix(voice, fresh),
        t('sensors.reading', {
          ...words,
          count: window.sensorCount,
          value: number(window.average, decimals),
          time: voice.clock(window.windowTime, station.timeZone),
        }),
        t('sensors.smoothed', {
          value: number(window.smoothedAverage, decimals),
          unit: words.unit,
        }),
        // The verdict is of the window the service read; said only when it is this one.
        ...usualSentences(
          voice,
          against?.latest?.windowTime === window.windowTime ? against : undefined,
          { unit: words.unit, decimals },
        ),
      ];
      return answer(input, voice, { sentences, card: 'cards.sensors' });
    },
  };
  return [SensorReading];
}
