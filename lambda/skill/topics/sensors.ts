/** A sensor type at a station over its latest 60-second window. */
import type { RequestHandler } from 'ask-sdk-core';
import { Intent, Slot } from '../../../domain/names';
import { SENSOR_TYPES, isSensorType, type SensorType } from '../../../domain/vocabulary';
import { answer } from '../answer';
import { conversationOf, type Conversation } from '../conversation';
import { readSlot } from '../slots';
import { staleness } from './players';
import { isIntent } from './requests';
import { chooseStation } from './stationSlot';

function sensorNames(conversation: Conversation, types: readonly SensorType[]): string {
  return conversation.list(types.map((type) => conversation.said('sensorTypes', type)));
}

export const SensorReadingHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.SensorReading),
  async handle(input) {
    const conversation = conversationOf(input);
    const { t, number, services, config } = conversation;

    const sensorSlot = readSlot(input, Slot.Sensor);
    if (sensorSlot.status !== 'match' || !isSensorType(sensorSlot.id)) {
      const list = sensorNames(conversation, SENSOR_TYPES);
      const question =
        sensorSlot.status === 'empty'
          ? t('sensors.missingSensor', { list })
          : t('sensors.unknownSensor', { spoken: sensorSlot.spoken, list });
      return answer(input, conversation, { sentences: [], question });
    }
    const sensor = sensorSlot.id;
    const choice = chooseStation(input, conversation);
    if (!choice.station)
      return answer(input, conversation, { sentences: [], question: choice.question });
    const { station, name } = choice;

    const words = {
      station: name,
      name: conversation.said('sensorTypes', sensor),
      the: t(`sensors.type.${sensor}.the`),
      unit: t(`sensors.type.${sensor}.unit`),
    };
    const sensors = services.catalog.sensorsOfType(station, sensor);
    if (sensors.length === 0) {
      const measured = [...new Set(station.sensors.map((s) => s.type))];
      const sentence = t('sensors.notMeasured', {
        ...words,
        list: sensorNames(conversation, measured),
      });
      return answer(input, conversation, { sentences: [sentence], card: 'cards.sensors' });
    }

    const window = await services.sensors.latestSensorWindow(station.id, sensor, sensors.length);
    if (!window) {
      return answer(input, conversation, {
        sentences: [t('sensors.none', words)],
        card: 'cards.sensors',
      });
    }
    const freshness = staleness(
      conversation,
      window.windowTime,
      config.sensorRollupStaleSeconds,
      station.timeZone,
    );
    const decimals = Math.abs(window.average) < 10 ? 2 : 1;
    const sentences = [
      ...(freshness.stale ? [t('stale.prefix', freshness.values)] : []),
      t('sensors.reading', {
        ...words,
        count: window.sensorCount,
        value: number(window.average, decimals),
        time: conversation.clock(window.windowTime, station.timeZone),
      }),
      t('sensors.smoothed', { value: number(window.smoothedAverage, decimals), unit: words.unit }),
    ];
    return answer(input, conversation, { sentences, card: 'cards.sensors' });
  },
};
