/** Players online: the total with its breakdown, one OS, one quadrant. */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { Intent, Slot } from '../../../interactionModels/names';
import type { UserRollup } from '../../rollups/userRollups';
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

export function osBreakdown(conversation: Conversation, rollup: UserRollup): string {
  const { t, number, list } = conversation;
  const parts = OPERATING_SYSTEM_IDS.filter((os) => rollup.byOs[os] > 0).map((os) =>
    t('players.osPart', { n: number(rollup.byOs[os]), os: t(`players.os.${os}`) }),
  );
  return parts.length === 0 ? '' : t('players.byOs', { list: list(parts) });
}

export function quadrantBreakdown(conversation: Conversation, rollup: UserRollup): string {
  const { t, number, list } = conversation;
  const parts = QUADRANTS.filter((q) => rollup.byQuadrant[q] > 0).map((quadrant) =>
    t('players.quadrantPart', {
      n: number(rollup.byQuadrant[quadrant]),
      quadrant: t('players.quadrant', { quadrant }),
    }),
  );
  return parts.length === 0 ? '' : t('players.byQuadrant', { list: list(parts) });
}

export function totalSentence(conversation: Conversation, rollup: UserRollup): string {
  const { t, number, config } = conversation;
  const freshness = staleness(conversation, rollup.windowTime, config.userRollupStaleSeconds);
  const values = { count: rollup.userCount, n: number(rollup.userCount), ...freshness.values };
  return freshness.stale ? t('players.totalStale', values) : t('players.total', values);
}

function stalePrefix(conversation: Conversation, rollup: UserRollup): string[] {
  const freshness = staleness(
    conversation,
    rollup.windowTime,
    conversation.config.userRollupStaleSeconds,
  );
  return freshness.stale ? [conversation.t('stale.prefix', freshness.values)] : [];
}

async function latestOrSayNone(input: HandlerInput, conversation: Conversation) {
  const rollup = await conversation.services.users.latestUserRollup();
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
      osBreakdown(conversation, rollup),
      quadrantBreakdown(conversation, rollup),
    ].filter((s) => s !== '');
    return answer(input, conversation, { sentences, card: 'cards.players' });
  },
};

function osNames(conversation: Conversation): string {
  return conversation.list(OPERATING_SYSTEM_IDS.map((os) => conversation.t(`players.os.${os}`)));
}

export const PlayersByOsHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.PlayersByOs),
  async handle(input) {
    const conversation = conversationOf(input);
    const { t, number } = conversation;
    const slot = readSlot(input, Slot.Os);
    if (slot.status === 'noMatch' || (slot.status === 'match' && !isOperatingSystem(slot.id))) {
      const question = t('players.unknownOs', { spoken: slot.spoken, list: osNames(conversation) });
      return answer(input, conversation, { sentences: [], question });
    }
    const latest = await latestOrSayNone(input, conversation);
    if (!latest.rollup) return latest.response;
    const { rollup } = latest;
    if (slot.status === 'empty') {
      const sentences = [totalSentence(conversation, rollup), osBreakdown(conversation, rollup)];
      return answer(input, conversation, {
        sentences: sentences.filter(Boolean),
        card: 'cards.players',
      });
    }
    const os = slot.id as OperatingSystem;
    const n = rollup.byOs[os];
    const sentence = t('players.oneOs', {
      count: n,
      n: number(n),
      os: t(`players.os.${os}`),
      percent: number(percentOf(n, rollup.userCount)),
    });
    return answer(input, conversation, {
      sentences: [...stalePrefix(conversation, rollup), sentence],
      card: 'cards.players',
    });
  },
};

function quadrantNames(conversation: Conversation): string {
  return conversation.list(
    QUADRANTS.map((quadrant) => conversation.t('players.quadrant', { quadrant })),
  );
}

export const PlayersByQuadrantHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.PlayersByQuadrant),
  async handle(input) {
    const conversation = conversationOf(input);
    const { t, number } = conversation;
    const slot = readSlot(input, Slot.Quadrant);
    if (slot.status === 'noMatch' || (slot.status === 'match' && !isQuadrant(slot.id))) {
      const question = t('players.unknownQuadrant', {
        spoken: slot.spoken,
        list: quadrantNames(conversation),
      });
      return answer(input, conversation, { sentences: [], question });
    }
    const latest = await latestOrSayNone(input, conversation);
    if (!latest.rollup) return latest.response;
    const { rollup } = latest;
    if (slot.status === 'empty') {
      const sentences = [
        totalSentence(conversation, rollup),
        quadrantBreakdown(conversation, rollup),
      ];
      return answer(input, conversation, {
        sentences: sentences.filter(Boolean),
        card: 'cards.players',
      });
    }
    const quadrant = slot.id as Quadrant;
    const n = rollup.byQuadrant[quadrant];
    const sentence = t('players.oneQuadrant', {
      count: n,
      n: number(n),
      quadrant: t('players.quadrant', { quadrant }),
      percent: number(percentOf(n, rollup.userCount)),
    });
    return answer(input, conversation, {
      sentences: [...stalePrefix(conversation, rollup), sentence],
      card: 'cards.players',
    });
  },
};
