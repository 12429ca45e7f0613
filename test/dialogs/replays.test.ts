/** Every `ask dialog` replay file in test/dialogs, played against the local skill, says what its .expected.json expects. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readReplayFile, replay } from '../../local/cli/replay';
import { createSkillHandler } from '../../lambda/skill';
import { createSkillServices } from '../../lambda/skill/services';
import type { SkillEndpoint } from '../../local/voiceDevice';
import { startTestStack, playerRollup, type TestStack } from '../support/stack';

const DIALOGS = __dirname;
const replayFiles = readdirSync(DIALOGS).filter(
  (name) => name.endsWith('.json') && !name.endsWith('.expected.json'),
);

let stack: TestStack;
let skill: SkillEndpoint;

beforeAll(async () => {
  stack = await startTestStack();
  const config = await stack.freshConfig();
  await stack.putPlayerRollups(config, [
    playerRollup(Date.now() - 1000, 96, {
      byOs: { android: 50, ios: 46, windowsPhone: 0, other: 0 },
      byQuadrant: { A: 80, B: 10, C: 3, D: 3 },
    }),
  ]);
  await stack.updateShadow('bR4lnMt7Xa', {
    reported: { light: 'off', reportingIntervalSeconds: 60 },
  });
  const handler = createSkillHandler({ config, services: createSkillServices(config) });
  skill = (envelope) => handler(envelope);
});

afterAll(async () => {
  await stack.close();
});

it('has replay files to run', () => {
  expect(replayFiles.length).toBeGreaterThanOrEqual(3);
});

it.each(replayFiles)('%s answers as expected', async (name) => {
  const expected = JSON.parse(
    readFileSync(join(DIALOGS, name.replace(/\.json$/, '.expected.json')), 'utf8'),
  ) as {
    answers: string[];
  };
  const turns = await replay(readReplayFile(join(DIALOGS, name)), skill);
  expect(turns).toHaveLength(expected.answers.length);
  turns.forEach((turn, index) => expect(turn.alexa).toMatch(new RegExp(expected.answers[index]!)));
});
