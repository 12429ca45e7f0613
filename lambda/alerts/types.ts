/** Alerts: what a user asked to be told about (a subject, a direction, a threshold), and where each alert stands. */
import type { Locale } from '../../domain/locales';
import type { AlertDirection, SensorType } from '../../domain/vocabulary';

export type { AlertDirection };

/** What an alert watches: a sensor type at a station (its sensors' combined window average), or the players online. */
export type AlertSubject =
  | { readonly kind: 'sensor'; readonly stationId: string; readonly sensor: SensorType }
  | { readonly kind: 'players' };

/**
 * armed: waiting for the value to cross the threshold. firing: it has crossed, the user has been
 * told once, and it stays so until the value comes back across the threshold by the re-arm margin.
 */
export type AlertState = 'armed' | 'firing';

/** The reading that made an alert fire. */
export interface Firing {
  /** Which firing of the alert this was: 1 for the first. */
  readonly number: number;
  readonly value: number;
  /** The window the value is of (epoch milliseconds: a sensor window's end, a player window's second). */
  readonly windowTime: number;
  /** When the alert fired, epoch milliseconds. */
  readonly at: number;
}

export interface Alert {
  /** The Alexa user who set it (`context.System.user.userId`): whom the notification goes to. */
  readonly userId: string;
  /** Its number among the user's alerts, "1" … the per-user limit; reused once deleted. */
  readonly alertId: string;
  readonly subject: AlertSubject;
  readonly direction: AlertDirection;
  readonly threshold: number;
  /** How far back across the threshold the value must come before the alert fires again. */
  readonly rearmMargin: number;
  /** The locale it was set in: its notification is worded in it. */
  readonly locale: Locale;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly state: AlertState;
  /** Each change of state adds one; a change is written only on the version it was judged on. */
  readonly version: number;
  /** Times it has started firing. */
  readonly firings: number;
  /** The latest firing: the reading that fired it (kept after it re-arms, until it fires again). */
  readonly lastFiring?: Firing;
  /** The window the latest change of state was judged on: an older window never changes it again. */
  readonly judgedWindowTime?: number;
  /** A firing whose notification is not yet on the alerts topic: published at the next evaluation. */
  readonly pendingNotification?: number;
  /**
   * Until when (epoch milliseconds) one evaluation holds the pending notification to publish it:
   * others leave it alone meanwhile, so that it is published once; a holder that failed lets go,
   * one that died is outlasted.
   */
  readonly notifyingUntil?: number;
}

/** What a caller gives to set an alert; the rest is the service's. */
export interface NewAlert {
  readonly userId: string;
  readonly subject: AlertSubject;
  readonly direction: AlertDirection;
  readonly threshold: number;
  /** The subject's default (DEFAULT_REARM_MARGINS) when absent. */
  readonly rearmMargin?: number;
  readonly locale: Locale;
}

/** The firing notification an evaluation publishes on the alerts topic (the message, as JSON). */
export interface AlertNotification {
  readonly type: 'AlertFired';
  readonly version: 1;
  readonly userId: string;
  readonly alertId: string;
  /** Which firing this is; with the alert's creation it names the notification (the Proactive Events referenceId). */
  readonly firing: number;
  /** Alphanumerics and '~' only, at most 100 characters: what Amazon takes as a referenceId. */
  readonly referenceId: string;
  readonly locale: Locale;
  readonly subject: AlertSubject;
  readonly direction: AlertDirection;
  readonly threshold: number;
  readonly value: number;
  readonly windowTime: number;
  /** Epoch milliseconds. */
  readonly firedAt: number;
}
