/** Every `ask dialog` replay file in test/dialogs, played as `npm run dialog` plays it (through the local stack's POST /simulator/say), says what its .expected.json expects. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readReplayFile, replay } from '../../local/cli/replay';
import { startSimulatorStack, type SimulatorStack } from '../support/simulatorStack';
import { playerRollup } from '../support/stack';

const DIALOGS = __dirname;
const BERLIN = 'bR4lnMt7Xa';
const replayFiles = readdirSync(DIALOGS).filter(
  (name) => name.endsWith('.json') && !name.endsWith('.expected.json'),
);

let local: SimulatorStack;

beforeAll(async () => {
  local = await startSimulatorStack();
  await local.putPlayerRollups([
    playerRollup(Date.now() - 1000, 96, {
      byOs: { android: 50, ios: 46, windowsPhone: 0, other: 0 },
      byQuadrant: { A: 80, B: 10, C: 3, D: 3 },
    }),
  ]);
  await local.stack.echo.warmUp();
}, 120_000);

afterAll(async () => {
  await local?.close();
});

it('has replay files to run, confirming and denying a change in every locale', () => {
  expect(replayFiles.length).toBeGreaterThanOrEqual(9);
  for (const locale of ['en-US', 'en-GB', 'de-DE']) {
    expect(
      replayFiles.filter((name) => name.endsWith(`.${locale}.json`)).length,
    ).toBeGreaterThanOrEqual(3);
  }
});

it.each(replayFiles)('%s answers as expected', async (name) => {
  // Each file begins with the station reporting its light off and nothing asked of it.
  await local.resetShadow(BERLIN, { light: 'off', reportingIntervalSeconds: 60 });
  const expected = JSON.parse(
    readFileSync(join(DIALOGS, name.replace(/\.json$/, '.expected.json')), 'utf8'),
  ) as { answers: string[] };
  const turns = await replay(readReplayFile(join(DIALOGS, name)), local.echo);
  expect(turns.map((turn) => turn.alexa)).toHaveLength(expected.answers.length);
  turns.forEach((turn, index) =>
    expect({ user: turn.user, alexa: turn.alexa }).toEqual({
      user: turn.user,
      alexa: expect.stringMatching(new RegExp(expected.answers[index]!)),
    }),
  );
});
