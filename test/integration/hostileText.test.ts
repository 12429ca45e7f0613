/** Whatever station names, slot values or reported values contain, the skill's SSML stays valid and says them. */
import { Intent, Slot } from '../../domain/names';
import { parseCatalog } from '../../domain/catalog';
import { createSkillHandler } from '../../lambda/skill';
import { createSkillServices } from '../../lambda/skill/services';
import { intentRequest } from '../support/requests';
import { spoken } from '../support/speech';
import { startTestStack, type TestStack } from '../support/stack';

const HOSTILE = [
  'Smith & Sons',
  '<speak>hi</speak>',
  'O\'Brien "The Rock"',
  ']]> <!-- -->',
  '&amp; &lt; &#x3C;',
  'Ünïcödé 🚀 <break time="10s"/>',
];

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.close();
});

function hostileCatalog(name: string) {
  const spoken = { name, synonyms: [] };
  return parseCatalog({
    stations: [
      {
        id: 'hostile-1',
        city: name,
        state: name,
        timeZone: 'UTC',
        names: { 'en-US': spoken, 'en-GB': spoken, 'de-DE': spoken },
        sensors: [{ id: 'h1', type: 'temp' }],
      },
    ],
  });
}

it.each(HOSTILE)('keeps SSML valid and the words intact for %j', async (text) => {
  const config = await stack.freshConfig();
  const real = createSkillServices(config);
  const ask = createSkillHandler({ config, services: { ...real, catalog: hostileCatalog(text) } });
  await stack.updateShadow('hostile-1', { reported: { light: 'on', firmware: text } });

  for (const locale of ['en-US', 'de-DE']) {
    const status = spoken(
      await ask(
        intentRequest(
          Intent.StationStatus,
          { [Slot.Station]: { value: text, id: 'hostile-1' } },
          { locale },
        ),
      ),
    );
    expect(status).toContain(text.trim());

    const unknown = spoken(
      await ask(
        intentRequest(
          Intent.StationStatus,
          { [Slot.Station]: { value: `${text} x`, noMatch: true } },
          { locale },
        ),
      ),
    );
    expect(unknown).toContain(`${text} x`.trim());

    const sensor = spoken(
      await ask(
        intentRequest(
          Intent.SensorReading,
          {
            [Slot.Sensor]: { value: text, noMatch: true },
            [Slot.Station]: { value: text, id: 'hostile-1' },
          },
          { locale },
        ),
      ),
    );
    expect(sensor).toContain(text.trim());
  }
});
