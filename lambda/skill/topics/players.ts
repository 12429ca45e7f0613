/** Players online: the total with its breakdown, one OS, one quadrant. */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { Intent, Slot } from '../../../interactionModels/names';
import type { PlayerRollup } from '../../rollups/playerRollups';
import {
  OPERATING_SYSTEM_IDS,
  QUADRANTS,
  isOperatingSystem,
  isQuadrant,
  type OperatingSystem,
  type Quadrant,
} from '../../rollups/vocabulary';
import { answer } from '../answer';
import { conversationOf, type Conversation } from '../conversation';
import type { MessageKey } from '../i18n';
import { readSlot } from '../slots';
import { isIntent } from './requests';

/** How fresh a rollup is, and the words that say so when it is not. */
export function staleness(
  conversation: Conversation,
  windowTime: number,
  staleSeconds: number,
  timeZone?: string,
) {
  const ageMs = conversation.services.now() - windowTime;
  const stale = ageMs > staleSeconds * 1000;
  return {
    stale,
    values: { age: conversation.age(ageMs), time: conversation.clock(windowTime, timeZone) },
  };
}

function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}

/** A way of splitting the players: by OS or by quadrant, with the words and counts of each group. */
interface Grouping<G extends string> {
  readonly intent: typeof Intent.PlayersByOs | typeof Intent.PlayersByQuadrant;
  readonly slot: typeof Slot.Os | typeof Slot.Quadrant;
  readonly groups: readonly G[];
  readonly isGroup: (id: string) => id is G;
  readonly count: (rollup: PlayerRollup, group: G) => number;
  readonly name: (conversation: Conversation, group: G) => string;
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
  name: (conversation, os) => conversation.t(`players.os.${os}`),
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
  name: (conversation, quadrant) => conversation.t('players.quadrant', { quadrant }),
  keys: {
    part: 'players.quadrantPart',
    list: 'players.byQuadrant',
    one: 'players.oneQuadrant',
    unknown: 'players.unknownQuadrant',
  },
};

/** "By system: 50 on Android and 46 on iOS." Groups with nobody in them are left out. */
function breakdown<G extends string>(
  conversation: Conversation,
  rollup: PlayerRollup,
  grouping: Grouping<G>,
): string {
  const { t, number, list } = conversation;
  const parts = grouping.groups
    .filter((group) => grouping.count(rollup, group) > 0)
    .map((group) =>
      t(grouping.keys.part, {
        n: number(grouping.count(rollup, group)),
        name: grouping.name(conversation, group),
      }),
    );
  return parts.length === 0 ? '' : t(grouping.keys.list, { list: list(parts) });
}

export function totalSentence(conversation: Conversation, rollup: PlayerRollup): string {
  const { t, number, config } = conversation;
  const freshness = staleness(conversation, rollup.windowTime, config.userRollupStaleSeconds);
  const values = { count: rollup.userCount, n: number(rollup.userCount), ...freshness.values };
  return freshness.stale ? t('players.totalStale', values) : t('players.total', values);
}

function stalePrefix(conversation: Conversation, rollup: PlayerRollup): string[] {
  const freshness = staleness(
    conversation,
    rollup.windowTime,
    conversation.config.userRollupStaleSeconds,
  );
  return freshness.stale ? [conversation.t('stale.prefix', freshness.values)] : [];
}

async function latestOrSayNone(input: HandlerInput, conversation: Conversation) {
  const rollup = await conversation.services.users.latestPlayerRollup();
  if (rollup) return { rollup };
  return {
    response: answer(input, conversation, {
      sentences: [conversation.t('players.none')],
      card: 'cards.players',
    }),
  };
}

export const PlayersOnlineHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.PlayersOnline),
  async handle(input) {
    const conversation = conversationOf(input);
    const latest = await latestOrSayNone(input, conversation);
    if (!latest.rollup) return latest.response;
    const { rollup } = latest;
    const sentences = [
      totalSentence(conversation, rollup),
      breakdown(conversation, rollup, BY_OS),
      breakdown(conversation, rollup, BY_QUADRANT),
    ].filter((s) => s !== '');
    return answer(input, conversation, { sentences, card: 'cards.players' });
  },
};

/** Players in one group ("46 players are on iOS…"), or the breakdown of all when none was named. */
function groupHandler<G extends string>(grouping: Grouping<G>): RequestHandler {
  return {
    canHandle: (input) => isIntent(input, grouping.intent),
    async handle(input) {
      const conversation = conversationOf(input);
      const { t, number } = conversation;
      const slot = readSlot(input, grouping.slot);
      if (slot.status === 'noMatch' || (slot.status === 'match' && !grouping.isGroup(slot.id))) {
        const names = grouping.groups.map((group) => grouping.name(conversation, group));
        const question = t(grouping.keys.unknown, {
          spoken: slot.spoken,
          list: conversation.list(names),
        });
        return answer(input, conversation, { sentences: [], question });
      }
      const latest = await latestOrSayNone(input, conversation);
      if (!latest.rollup) return latest.response;
      const { rollup } = latest;
      if (slot.status === 'empty') {
        const sentences = [
          totalSentence(conversation, rollup),
          breakdown(conversation, rollup, grouping),
        ];
        return answer(input, conversation, {
          sentences: sentences.filter(Boolean),
          card: 'cards.players',
        });
      }
      const group = slot.id as G;
      const n = grouping.count(rollup, group);
      const sentence = t(grouping.keys.one, {
        count: n,
        n: number(n),
        name: grouping.name(conversation, group),
        percent: number(percentOf(n, rollup.userCount)),
      });
      return answer(input, conversation, {
        sentences: [...stalePrefix(conversation, rollup), sentence],
        card: 'cards.players',
      });
    },
  };
}

export const PlayersByOsHandler = groupHandler(BY_OS);
export const PlayersByQuadrantHandler = groupHandler(BY_QUADRANT);
