/** A stand-in for an EventBridge schedule: a function invoked with a Scheduled Event once at start, then every interval. */
import type { ScheduledEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNT_ID } from './lambdaContext';
import { EMULATOR_REGION } from './environment';

export interface ScheduleOptions {
  /** The rule's name, in the event's `resources`. */
  readonly ruleName: string;
  readonly intervalMs: number;
  readonly invoke: (event: ScheduledEvent) => Promise<unknown>;
}

export interface Schedule {
  /** Stops the timer and waits for a run under way. */
  stop(): Promise<void>;
}

/** Runs one invocation at a time: a run that outlasts the interval delays the next, as it cannot overlap. */
export function startSchedule({ ruleName, intervalMs, invoke }: ScheduleOptions): Schedule {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running
      .then(() => invoke(scheduledEvent(ruleName)))
      .catch((error: unknown) => console.error(`${ruleName}:`, error));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

function scheduledEvent(ruleName: string): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT_ID,
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: EMULATOR_REGION,
    resources: [`arn:aws:events:${EMULATOR_REGION}:${LOCAL_ACCOUNT_ID}:rule/${ruleName}`],
    detail: {},
  };
}
