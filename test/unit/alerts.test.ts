/** Alerts as pure rules: thresholds and hysteresis, re-arm margins, the stored item, the notification on the topic. */
import { InvalidNotificationError, CorruptAlertError } from '../../lambda/alerts/errors';
import { defaultRearmMargin, judge, SENSOR_REARM_MARGINS } from '../../lambda/alerts/hysteresis';
import { alertToItem, itemToAlert } from '../../lambda/alerts/items';
import {
  notificationOf,
  parseNotification,
  referenceIdOf,
  summaryOf,
} from '../../lambda/alerts/notification';
import { problemsOf } from '../../lambda/alerts/repository';
import { subjectKey } from '../../lambda/alerts/table';
import type { Alert } from '../../lambda/alerts/types';
import { stationCatalog } from '../../domain/catalog';
import { SENSOR_TYPES } from '../../domain/vocabulary';

const above20 = { direction: 'above', threshold: 20, rearmMargin: 0.5 } as const;
const below100 = { direction: 'below', threshold: 100, rearmMargin: 5 } as const;

/** Runs readings through an alert's states, as evaluation does; returns when it fired. */
function run(rule: Pick<Alert, 'direction' | 'threshold' | 'rearmMargin'>, values: number[]) {
  let state: Alert['state'] = 'armed';
  const fired: number[] = [];
  values.forEach((value, i) => {
    const judgement = judge({ ...rule, state }, value);
    if (judgement === 'fire') {
      state = 'firing';
      fired.push(i);
    } else if (judgement === 'rearm') state = 'armed';
  });
  return { fired, state };
}

describe('thresholds and hysteresis', () => {
  it('"above 20" fires over 20, not at 20', () => {
    expect(judge({ ...above20, state: 'armed' }, 20)).toBe('stay');
    expect(judge({ ...above20, state: 'armed' }, 20.01)).toBe('fire');
  });

  it('"below 100" fires under 100, not at 100', () => {
    expect(judge({ ...below100, state: 'armed' }, 100)).toBe('stay');
    expect(judge({ ...below100, state: 'armed' }, 99)).toBe('fire');
  });

  it('stays silent while firing, however often the value is read', () => {
    expect(run(above20, [21, 22, 25, 21, 20.5, 21]).fired).toEqual([0]);
  });

  it('does not fire again for a value wobbling around the threshold', () => {
    expect(run(above20, [21, 19.8, 20.2, 19.6, 20.3]).fired).toEqual([0]);
  });

  it('re-arms once the value is back across by the margin, then fires again', () => {
    // 19.5 is 20 − 0.5: re-armed; 20.1 fires again.
    expect(run(above20, [21, 19.5, 20.1])).toEqual({ fired: [0, 2], state: 'firing' });
    expect(run(below100, [90, 104, 99, 105, 98])).toEqual({ fired: [0, 4], state: 'firing' });
  });

  it('re-arm margins fit each sensor type and the players', () => {
    for (const sensor of SENSOR_TYPES) {
      expect(defaultRearmMargin({ kind: 'sensor', stationId: 's', sensor }, 20)).toBe(
        SENSOR_REARM_MARGINS[sensor],
      );
    }
    expect(defaultRearmMargin({ kind: 'players' }, 100)).toBe(5);
    expect(defaultRearmMargin({ kind: 'players' }, 4)).toBe(1);
  });
});

const alert: Alert = {
  userId: 'amzn1.ask.account.X',
  alertId: '2',
  subject: { kind: 'sensor', stationId: 'bR4lnMt7Xa', sensor: 'temp' },
  direction: 'above',
  threshold: 20,
  rearmMargin: 0.5,
  locale: 'de-DE',
  createdAt: 1_800_000_000_000,
  updatedAt: 1_800_000_060_000,
  state: 'firing',
  version: 3,
  firings: 1,
  lastFiring: { number: 1, value: 21.5, windowTime: 1_800_000_060_000, at: 1_800_000_061_000 },
  judgedWindowTime: 1_800_000_060_000,
  pendingNotification: 1,
};

describe('the stored alert', () => {
  it('reads back as it was written, indexed by its subject', () => {
    const item = alertToItem(alert);
    expect(item.subject).toBe('sensor#bR4lnMt7Xa#temp');
    expect(itemToAlert(item)).toEqual(alert);
    const players: Alert = { ...alert, subject: { kind: 'players' }, state: 'armed' };
    expect(alertToItem(players).subject).toBe(subjectKey({ kind: 'players' }));
    expect(itemToAlert(alertToItem(players))).toEqual(players);
  });

  it('refuses an item that does not fit, naming each problem', () => {
    const item: Record<string, unknown> = { ...alertToItem(alert), direction: 'up' };
    delete item.threshold;
    expect(() => itemToAlert(item)).toThrow(
      new CorruptAlertError(
        'alert item does not fit the table design: direction is "up"; threshold is undefined, not a number',
      ),
    );
  });
});

describe('a new alert', () => {
  it('must name a station of the catalog and a sensor type the station has', () => {
    const berlin = { kind: 'sensor', stationId: 'bR4lnMt7Xa', sensor: 'temp' } as const;
    const base = { userId: 'u', direction: 'above', threshold: 20, locale: 'en-US' } as const;
    expect(problemsOf({ ...base, subject: berlin }, stationCatalog)).toEqual([]);
    // London Docklands measures no vibration.
    expect(
      problemsOf(
        { ...base, subject: { kind: 'sensor', stationId: 'mK8rLdn2Qe', sensor: 'vib' } },
        stationCatalog,
      ),
    ).toEqual(['station mK8rLdn2Qe has no vib sensor']);
    expect(problemsOf({ ...base, subject: berlin, rearmMargin: -1 })).toEqual([
      'rearmMargin must be a number of 0 or more, not -1',
    ]);
  });
});

describe('the notification on the alerts topic', () => {
  it('names the firing with a referenceId Amazon accepts, the same for every delivery', () => {
    const notification = notificationOf(alert)!;
    expect(notification.referenceId).toBe(referenceIdOf(alert, 1));
    expect(notification.referenceId).toMatch(/^[A-Za-z0-9~]{1,100}$/);
    expect(referenceIdOf(alert, 2)).not.toBe(notification.referenceId);
    expect(referenceIdOf({ ...alert, createdAt: alert.createdAt + 1 }, 1)).not.toBe(
      notification.referenceId,
    );
    expect(parseNotification(JSON.stringify(notification))).toEqual(notification);
    expect(summaryOf(notification)).toBe('Pulse alert: temp at bR4lnMt7Xa 21.5 is above 20');
  });

  it('is refused when it is not one, with the reason', () => {
    expect(() => parseNotification('{')).toThrow(InvalidNotificationError);
    const notification = notificationOf(alert)!;
    expect(() =>
      parseNotification(JSON.stringify({ ...notification, referenceId: 'has spaces', value: 'x' })),
    ).toThrow(
      'not an alert notification: referenceId is not 1-100 alphanumerics and ~; value is not a number',
    );
  });

  it('is none for an alert that never fired', () => {
    const armed: Alert = { ...alert, state: 'armed', firings: 0 };
    delete (armed as { lastFiring?: unknown }).lastFiring;
    expect(notificationOf(armed)).toBeUndefined();
  });
});
