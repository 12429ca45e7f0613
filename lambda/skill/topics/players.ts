/** Players online: the total with its breakdown, one OS, one quadrant. */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { Intent, Slot } from '../../../domain/names';
import {
  OPERATING_SYSTEM_IDS,
  QUADRANTS,
  isOperatingSystem,
  isQuadrant,
  type OperatingSystem,
  type Quadrant,
} from '../../../domain/vocabulary';
import type { PlayerRollup } from '../../rollups/playerRollups';
import { answer } from '../answer';
import type { MessageKey } from '../i18n';
import { freshness, playersHeadline, stalePrefix } from '../phrases';
import { isIntent } from '../request/requests';
import { readSlot } from '../request/slots';
import type { SkillDependencies } from '../services';
import { againstUsualOrNothing, usualSentences } from '../usual';
import type { Voice } from '../voice';

/** A way of splitting the players: by OS or by quadrant, with the words and counts of each group. */
interface Grouping<G extends string> {
  readonly intent: typeof Intent.PlayersByOs | typeof Intent.PlayersByQuadrant;
  readonly slot: typeof Slot.Os | typeof Slot.Quadrant;
  readonly groups: readonly G[];
  readonly isGroup: (id: string) => id is G;
  readonly count: (rollup: PlayerRollup, group: G) => number;
  readonly name: (voice: Voice, group: G) => string;
  readonly keys: {
    readonly part: MessageKey;
    readonly list: MessageKey;
    readonly one: MessageKey;
    readonly unknown: MessageKey;
  };
}

const BY_OS: Grouping<OperatingSystem> = {
  intent: Intent.PlayersByOs,
  slot: Slot.Os,
  groups: OPERATING_SYSTEM_IDS,
  isGroup: isOperatingSystem,
  count: (rollup, os) => rollup.byOs[os],
  name: (voice, os) => voice.said('operatingSystems', os),
  keys: {
    part: 'players.osPart',
    list: 'players.byOs',
    one: 'players.oneOs',
    unknown: 'players.unknownOs',
  },
};

const BY_QUADRANT: Grouping<Quadrant> = {
  intent: Intent.PlayersByQuadrant,
  slot: Slot.Quadrant,
  groups: QUADRANTS,
  isGroup: isQuadrant,
  count: (rollup, quadrant) => rollup.byQuadrant[quadrant],
  name: (voice, quadrant) => voice.t('players.quadrant', { quadrant }),
  keys: {
    part: 'players.quadrantPart',
    list: 'players.byQuadrant',
    one: 'players.oneQuadrant',
    unknown: 'players.unknownQuadrant',
  },
};

function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}

/** "By system: 50 on Android and 46 on iOS." Groups with nobody in them are left out. */
function breakdown<G extends string>(voice: Voice, rollup: PlayerRollup, grouping: Grouping<G>) {
  const { t, number, list } = voice;
  const parts = grouping.groups
    .filter((group) => grouping.count(rollup, group) > 0)
    .map((group) =>
      t(grouping.keys.part, {
        n: number(grouping.count(rollup, group)),
        name: grouping.name(voice, group),
      }),
    );
  return parts.length === 0 ? '' : t(grouping.keys.list, { list: list(parts) });
}

/** "46 players are on iOS, 48 percent of everyone online." */
function oneGroup<G extends string>(
  voice: Voice,
  rollup: PlayerRollup,
  grouping: Grouping<G>,
  group: G,
) {
  const n = grouping.count(rollup, group);
  return voice.t(grouping.keys.one, {
    count: n,
    n: voice.number(n),
    name: grouping.name(voice, group),
    percent: voice.number(percentOf(n, rollup.userCount)),
  });
}

export function playersHandlers({
  players,
  statistics,
  config,
  now,
  voiceOf,
}: Pick<
  SkillDependencies,
  'players' | 'statistics' | 'config' | 'now' | 'voiceOf'
>): RequestHandler[] {
  const freshnessOf = (voice: Voice, rollup: PlayerRollup) =>
    freshness(voice, rollup.windowTime, now(), config.userRollupStaleSeconds);

  const noPlayersYet = (input: HandlerInput, voice: Voice): Response =>
    answer(input, voice, { sentences: [voice.t('players.none')], card: 'cards.players' });

  const PlayersOnline: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.PlayersOnline),
    async handle(input) {
      const voice = voiceOf(input);
      // What is usual for the hour is read beside the latest rollup, and said only when it is not.
      const [rollup, against] = await Promise.all([
        players.latestPlayerRollup(),
        againstUsualOrNothing(() => statistics.playersAgainstUsual({ timeZone: config.timeZone })),
      ]);
      if (!rollup) return noPlayersYet(input, voice);
      // The verdict is of the rollup the service read; said only when it is this one.
      const sameWindow = against?.latest?.windowTime === rollup.windowTime;
      const sentences = [
        playersHeadline(voice, rollup, freshnessOf(voice, rollup), 'answer'),
        ...usualSentences(voice, sameWindow ? against : undefined),
        breakdown(voice, rollup, BY_OS),
        breakdown(voice, rollup, BY_QUADRANT),
      ];
      return answer(input, voice, { sentences: sentences.filter(Boolean), card: 'cards.players' });
    },
  };

  /** Players in one group ("46 players are on iOS…"), or the breakdown of all when none was named. */
  const playersIn = <G extends string>(grouping: Grouping<G>): RequestHandler => ({
    canHandle: (input) => isIntent(input, grouping.intent),
    async handle(input) {
      const voice = voiceOf(input);
      const slot = readSlot(input, grouping.slot);
      if (slot.status === 'noMatch' || (slot.status === 'match' && !grouping.isGroup(slot.id))) {
        const names = grouping.groups.map((group) => grouping.name(voice, group));
        const question = voice.t(grouping.keys.unknown, {
          spoken: slot.spoken,
          list: voice.list(names),
        });
        return answer(input, voice, { question });
      }
      const rollup = await players.latestPlayerRollup();
      if (!rollup) return noPlayersYet(input, voice);
      const fresh = freshnessOf(voice, rollup);
      const sentences =
        slot.status === 'empty'
          ? [playersHeadline(voice, rollup, fresh, 'answer'), breakdown(voice, rollup, grouping)]
          : [...stalePrefix(voice, fresh), oneGroup(voice, rollup, grouping, slot.id as G)];
      return answer(input, voice, { sentences: sentences.filter(Boolean), card: 'cards.players' });
    },
  });

  return [PlayersOnline, playersIn(BY_OS), playersIn(BY_QUADRANT)];
}
