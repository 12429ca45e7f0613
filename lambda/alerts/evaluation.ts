/**
 * Evaluating alerts after rollups were written, whichever Lambda wrote them. Each subject written
 * (a station's sensor type, or the players) is read back whole, through the readers that merge
 * every shard's partials, and judged against every alert on it with hysteresis. A change of state
 * is written only on the version it was judged on, so that duplicate deliveries and several shards
 * judging the same window fire an alert once; the firing is written with its notification marked
 * pending before it is published, and a notification that could not be published is published at
 * the next evaluation, so a failure loses no alert state and no notification. The whole evaluation
 * runs within a budget and never throws: ingestion never waits on it longer, nor fails by it.
 */
import type { SensorType } from '../../domain/vocabulary';
import { inPool } from '../aws/pool';
import { judge } from './hysteresis';
import { notificationOf } from './notification';
import type { AlertPublisher } from './publisher';
import type { AlertRepository } from './repository';
import type { Alert, AlertSubject } from './types';

/** A subject's value in one window. */
export interface Reading {
  readonly value: number;
  readonly windowTime: number;
}

/** Where an evaluation reads the value it judges: given by the rollups service that wrote it. */
export interface AlertReadings {
  /** A station's sensors of the type in one window, combined: the count-weighted average. */
  sensorWindow(
    stationId: string,
    sensor: SensorType,
    windowTime: number,
  ): Promise<Reading | undefined>;
  /** The newest whole player window, every shard's partial merged. */
  latestPlayers(): Promise<Reading | undefined>;
}

/** What an ingestion Lambda wrote, as evaluation needs to know it. */
export interface WrittenRollups {
  /** Sensor windows written; each station's type is judged once, at its newest window written. */
  readonly sensors: readonly {
    readonly stationId: string;
    readonly sensor: SensorType;
    readonly windowTime: number;
  }[];
  /** Whether player rollups were written; the players are judged at their newest whole window. */
  readonly players: boolean;
}

export interface EvaluationReport {
  /** Subjects that had alerts on them. */
  readonly subjects: number;
  readonly judged: number;
  readonly fired: number;
  readonly rearmed: number;
  /** Notifications put on the alerts topic (new and pending ones). */
  readonly published: number;
  /** Subjects or alerts whose evaluation failed (logged); their state is as it was. */
  readonly failures: number;
  /** The budget ran out first; what was under way finishes or gives up at its own deadline. */
  readonly timedOut: boolean;
}

/** Enough of a logger: Powertools' Logger fits. */
export interface EvaluationLogger {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
  error(message: string, extra: Record<string, unknown>): void;
}

export interface AlertEvaluatorOptions {
  readonly repository: Pick<
    AlertRepository,
    | 'listBySubject'
    | 'get'
    | 'transition'
    | 'claimPendingNotification'
    | 'releasePendingNotification'
    | 'clearPendingNotification'
  >;
  readonly readings: AlertReadings;
  readonly publisher: AlertPublisher;
  readonly logger: EvaluationLogger;
  /** The longest an evaluation holds up the ingestion Lambda that wrote the rollups (PULSE_ALERT_EVALUATION_MS). */
  readonly budgetMs: number;
  readonly now?: () => number;
}

export interface AlertEvaluator {
  /** Judges every alert on the subjects written. Never throws; failures are logged and reported. */
  evaluate(written: WrittenRollups): Promise<EvaluationReport>;
}

/** Alerts of one subject judged at once: many users may watch one station. */
const ALERTS_IN_FLIGHT = 8;
/** Tries of a change of state when other evaluations keep changing the alert meanwhile. */
const TRANSITION_ATTEMPTS = 3;

interface Counts {
  subjects: number;
  judged: number;
  fired: number;
  rearmed: number;
  published: number;
  failures: number;
}

const describe = (subject: AlertSubject) =>
  subject.kind === 'players' ? 'players' : `${subject.sensor} at ${subject.stationId}`;

export function alertEvaluator(options: AlertEvaluatorOptions): AlertEvaluator {
  const { repository, readings, publisher, logger, budgetMs } = options;
  const now = options.now ?? Date.now;

  /** Publishes the pending notification of an alert this evaluation holds, then marks it published. */
  async function publishHeld(alert: Alert, counts: Counts): Promise<void> {
    const pending = alert.pendingNotification;
    if (pending === undefined) return;
    const notification = notificationOf(alert);
    if (!notification || notification.firing !== pending) {
      // Cannot happen by this code's writes; said loudly rather than published wrong.
      logger.error('pending notification names no firing of the alert', {
        userId: alert.userId,
        alertId: alert.alertId,
        pending,
      });
      return;
    }
    try {
      await publisher.publish(notification);
    } catch (error) {
      // Let go at once, so that the next evaluation publishes it (if this fails too, the hold
      // runs out on its own).
      await repository.releasePendingNotification(alert, pending).catch((release: unknown) =>
        logger.warn('pending notification not let go; it is retried once its hold runs out', {
          userId: alert.userId,
          alertId: alert.alertId,
          error: release,
        }),
      );
      throw error;
    }
    counts.published += 1;
    await repository.clearPendingNotification(alert, pending);
  }

  async function evaluateAlert(listed: Alert, reading: Reading, counts: Counts): Promise<void> {
    let alert: Alert | undefined = listed;
    const pending = listed.pendingNotification;
    if (pending !== undefined && (listed.notifyingUntil ?? 0) < now()) {
      // A notification an earlier evaluation could not publish: whoever takes it publishes it.
      const held = await repository.claimPendingNotification(listed, pending);
      if (held) {
        await publishHeld(held, counts);
        alert = await repository.get(listed.userId, listed.alertId);
      }
    }
    for (let attempt = 0; alert && attempt < TRANSITION_ATTEMPTS; attempt++) {
      // An older window (a replay, a late shard) never undoes what a newer one decided.
      if (alert.judgedWindowTime !== undefined && reading.windowTime < alert.judgedWindowTime)
        return;
      const judgement = judge(alert, reading.value);
      if (judgement === 'stay') return;
      const changed: Alert | undefined = await repository.transition(
        alert,
        judgement === 'fire'
          ? { to: 'firing', value: reading.value, windowTime: reading.windowTime }
          : { to: 'armed', windowTime: reading.windowTime },
      );
      if (!changed) {
        // Another evaluation changed it first: judge what it is now.
        alert = await repository.get(alert.userId, alert.alertId);
        continue;
      }
      if (judgement === 'fire') {
        counts.fired += 1;
        logger.info('alert fired', {
          userId: changed.userId,
          alertId: changed.alertId,
          subject: describe(changed.subject),
          value: reading.value,
          windowTime: reading.windowTime,
        });
        // Firing, it holds its notification: publish it.
        await publishHeld(changed, counts);
      } else {
        counts.rearmed += 1;
      }
      return;
    }
  }

  async function evaluateSubject(
    subject: AlertSubject,
    read: () => Promise<Reading | undefined>,
    counts: Counts,
  ): Promise<void> {
    const alerts = await repository.listBySubject(subject);
    if (alerts.length === 0) return;
    counts.subjects += 1;
    const reading = await read();
    if (!reading || !Number.isFinite(reading.value)) return;
    await inPool(alerts, ALERTS_IN_FLIGHT, async (alert) => {
      counts.judged += 1;
      try {
        await evaluateAlert(alert, reading, counts);
      } catch (error) {
        counts.failures += 1;
        logger.error('alert evaluation failed; its state is as it was', {
          userId: alert.userId,
          alertId: alert.alertId,
          subject: describe(subject),
          error,
        });
      }
    });
  }

  function subjectsOf(written: WrittenRollups) {
    const newest = new Map<string, WrittenRollups['sensors'][number]>();
    for (const window of written.sensors) {
      const key = `${window.stationId}#${window.sensor}`;
      const known = newest.get(key);
      if (!known || window.windowTime > known.windowTime) newest.set(key, window);
    }
    const subjects: [AlertSubject, () => Promise<Reading | undefined>][] = [...newest.values()].map(
      ({ stationId, sensor, windowTime }) => [
        { kind: 'sensor', stationId, sensor },
        () => readings.sensorWindow(stationId, sensor, windowTime),
      ],
    );
    if (written.players) subjects.push([{ kind: 'players' }, () => readings.latestPlayers()]);
    return subjects;
  }

  return {
    async evaluate(written) {
      const counts: Counts = {
        subjects: 0,
        judged: 0,
        fired: 0,
        rearmed: 0,
        published: 0,
        failures: 0,
      };
      const work = Promise.all(
        subjectsOf(written).map(async ([subject, read]) => {
          try {
            await evaluateSubject(subject, read, counts);
          } catch (error) {
            counts.failures += 1;
            logger.error('alerts of a subject not evaluated; their state is as it was', {
              subject: describe(subject),
              error,
            });
          }
        }),
      ).then(() => false);
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), budgetMs);
      });
      const timedOut = await Promise.race([work, budget]);
      clearTimeout(timer);
      if (timedOut)
        logger.warn(
          'alert evaluation ran out of its budget; the rest finishes or gives up on its own',
          {
            budgetMs,
          },
        );
      return { ...counts, timedOut };
    },
  };
}
