/** A sensor type at a station over its latest 60-second window. */
import type { RequestHandler } from 'ask-sdk-core';
import { Intent, Slot } from '../../../domain/names';
import { SENSOR_TYPES, isSensorType, type SensorType } from '../../../domain/vocabulary';
import { answer } from '../answer';
import { freshness, stalePrefix } from '../phrases';
import { isIntent } from '../request/requests';
import { readSlot } from '../request/slots';
import { chooseStation } from '../request/station';
import type { SkillDependencies } from '../services';
import { againstUsualOrNothing, usualSentences } from '../usual';
import type { Voice } from '../voice';

function sensorNames(voice: Voice, types: readonly SensorType[]): string {
  return voice.list(types.map((type) => voice.said('sensorTypes', type)));
}

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

      const sensorSlot = readSlot(input, Slot.Sensor);
      if (sensorSlot.status !== 'match' || !isSensorType(sensorSlot.id)) {
        const list = sensorNames(voice, SENSOR_TYPES);
        const question =
          sensorSlot.status === 'empty'
            ? t('sensors.missingSensor', { list })
            : t('sensors.unknownSensor', { spoken: sensorSlot.spoken, list });
        return answer(input, voice, { question });
      }
      const sensor = sensorSlot.id;
      const choice = chooseStation(input, voice, catalog);
      if (!choice.station) return answer(input, voice, { question: choice.question });
      const { station, name } = choice;

      const words = {
        station: name,
        name: voice.said('sensorTypes', sensor),
        the: t(`sensors.type.${sensor}.the`),
        unit: t(`sensors.type.${sensor}.unit`),
      };
      const sensorsOfType = catalog.sensorsOfType(station, sensor);
      if (sensorsOfType.length === 0) {
        const measured = [...new Set(station.sensors.map((s) => s.type))];
        const sentence = t('sensors.notMeasured', {
          ...words,
          list: sensorNames(voice, measured),
        });
        return answer(input, voice, { sentences: [sentence], card: 'cards.sensors' });
      }

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
