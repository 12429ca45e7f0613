/** Changing a station setting: allow-listed fields and values only, written only once a person has said yes. */
import * as v from 'valibot';
import { z } from 'zod';
import { summary } from '../../../domain/schema';
import type { Station } from '../../../domain/catalog';
import {
  desiredChangeSchema,
  REPORTING_INTERVALS_SECONDS,
  type DesiredChange,
} from '../../../domain/settings';
import { LIGHT_STATES } from '../../../domain/vocabulary';
import { CONFIRMATION_TIMEOUT_MS, confirmation } from '../confirmation';
import { ToolInputError } from '../errors';
import type { McpDependencies } from '../services';
import { findStation, stationArgument, stationRef, stationRefSchema } from '../stations';
import { every } from '../text';
import { tool, type Tool } from './define';

const intervals = REPORTING_INTERVALS_SECONDS.join(', ');

const lightArgument = z
  .enum(LIGHT_STATES, { error: `light must be one of ${LIGHT_STATES.join(', ')}` })
  .describe('Switch the station light on or off.');

const intervalArgument = z
  .literal(REPORTING_INTERVALS_SECONDS, {
    error: `reportingIntervalSeconds must be one of ${intervals}`,
  })
  .describe(`How often the station takes a reading, in seconds: one of ${intervals}.`);

const OUTCOMES = ['preview', 'declined', 'unanswered', 'requested', 'alreadyApplied'] as const;
type Outcome = (typeof OUTCOMES)[number];

const changeSchema = z.object({
  light: z.enum(LIGHT_STATES).optional(),
  reportingIntervalSeconds: z.number().optional(),
});

/** What a change is called: its question, its request, and the state it leaves. */
function words(station: string, change: DesiredChange, current: unknown) {
  if ('light' in change) {
    const now = current === 'on' || current === 'off' ? ` It is ${current} now.` : '';
    return {
      question: `Switch the light at ${station} ${change.light}?${now}`,
      requested: `asked ${station} to switch its light ${change.light}`,
      already: `${station} already has its light ${change.light}.`,
    };
  }
  const seconds = change.reportingIntervalSeconds;
  const now =
    typeof current === 'number' && current > 0 ? ` It takes one ${every(current)} now.` : '';
  return {
    question: `Set ${station} to take a reading ${every(seconds)}?${now}`,
    requested: `asked ${station} to take a reading ${every(seconds)}`,
    already: `${station} already takes a reading ${every(seconds)}.`,
  };
}

/** The one change the arguments ask for, checked against the allow-list (domain/settings.ts). */
function changeOf(args: { light?: string; reportingIntervalSeconds?: number }): DesiredChange {
  const asked = {
    ...(args.light === undefined ? {} : { light: args.light }),
    ...(args.reportingIntervalSeconds === undefined
      ? {}
      : { reportingIntervalSeconds: args.reportingIntervalSeconds }),
  };
  if (Object.keys(asked).length !== 1) {
    throw new ToolInputError(
      'Give exactly one change: light ("on" or "off") or reportingIntervalSeconds ' +
        `(${intervals}). To change both, call the tool once for each.`,
    );
  }
  const allowed = v.safeParse(desiredChangeSchema, asked);
  if (!allowed.success)
    throw new ToolInputError(`Not a change a station allows: ${summary(allowed.issues)}`);
  return allowed.output;
}

export function stationSettingTools({ catalog, shadows }: McpDependencies): Tool[] {
  const changeSetting = tool({
    name: 'change_station_setting',
    title: 'Change a station setting',
    description:
      "Asks a station to change a setting in its device shadow's desired state: its light (on or " +
      `off) or its reporting interval (${intervals} seconds); nothing else can be changed. A person ` +
      'must agree first: where the client supports MCP elicitation, Pulse asks them itself. ' +
      'Otherwise the first call only previews the change: show it to the user, and call again with ' +
      'confirm: true only once they have agreed. The answer says honestly whether the station ' +
      'already has the value, or has only been asked (it applies a change when it next reports).',
    input: z
      .object({
        station: stationArgument,
        light: lightArgument.optional(),
        reportingIntervalSeconds: intervalArgument.optional(),
        confirm: z
          .boolean()
          .optional()
          .describe('true once the user has agreed to the previewed change; leave out to preview.'),
      })
      .strict(),
    output: z.object({
      station: stationRefSchema,
      change: changeSchema,
      outcome: z
        .enum(OUTCOMES)
        .describe(
          'preview: nothing changed, confirm first; declined or unanswered: nothing changed; ' +
            'requested: written to the desired state, the station has not reported it yet; ' +
            'alreadyApplied: the station already reports the value.',
        ),
      confirmedBy: z.enum(['elicitation', 'confirm']).optional(),
      current: z.unknown().optional().describe('The value the station reported before the change.'),
      version: z.number().int().optional().describe('Shadow version after the write.'),
    }),
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    },
    async run(args, call) {
      const station: Station = findStation(catalog, args.station);
      const ref = stationRef(station);
      const change = changeOf(args);
      const [field] = Object.keys(change) as (keyof typeof change)[];
      const current = (await shadows.stationShadow(station.id))?.reported[field!];
      const said = words(ref.name, change, current);
      const base = { station: ref, change, ...(current === undefined ? {} : { current }) };
      const answer = (outcome: Outcome, text: string, extra: object = {}) => ({
        structured: { ...base, outcome, ...extra },
        text,
      });

      const verdict = await confirmation(call, said.question, args.confirm);
      if (!verdict.confirmed) {
        switch (verdict.outcome) {
          case 'preview':
            return answer(
              'preview',
              `Nothing changed yet. ${said.question} Ask the user; once they agree, call ` +
                'change_station_setting again with the same change and confirm: true.',
            );
          case 'declined':
            return answer('declined', `Left ${ref.name} as it is: the change was declined.`);
          case 'unanswered':
            return answer(
              'unanswered',
              `Left ${ref.name} as it is: nobody confirmed the change within ${CONFIRMATION_TIMEOUT_MS / 1000} seconds.`,
            );
        }
      }
      const result = await shadows.requestDesiredChange(station.id, change);
      const written = { confirmedBy: verdict.by, version: result.version };
      return result.alreadyReported
        ? answer('alreadyApplied', said.already, written)
        : answer(
            'requested',
            `Done: ${said.requested}. It hasn't confirmed yet; check station_status in a moment.`,
            written,
          );
    },
  });
  return [changeSetting];
}
