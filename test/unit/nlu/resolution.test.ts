/** Entity resolution as Alexa does it: every slot present, synonyms to ids under the skill's authority, ER_SUCCESS_NO_MATCH for words that say no value. */
import { DEFAULT_SKILL_ID, trainNlu, type Nlu } from '../../../local/nlu';
import { projectModel, projectNlu, resolvedIdOf, slotOf } from '../../support/nluModels';

const BERLIN = 'bR4lnMt7Xa';
const SEATTLE = 'vzqHb8vgh0';
const PORTLAND = 'qwbKAMlbZW';
const MUNICH = 'mUc9Alp3Zz';

let en: Nlu;
let de: Nlu;

beforeAll(async () => {
  en = await trainNlu(projectModel('en-US'), 'en-US', { skillId: 'amzn1.ask.skill.test' });
  de = await projectNlu('de-DE');
});

it('puts every slot of the intent into the request, filled or not, as Alexa does', async () => {
  const understood = await en.understand('turn the light on');
  expect(understood.intent.name).toBe('SetStationLightIntent');
  expect(understood.intent.confirmationStatus).toBe('NONE');
  expect(Object.keys(understood.intent.slots ?? {}).sort()).toEqual(['lightState', 'station']);
  expect(slotOf(understood, 'station')).toEqual({
    name: 'station',
    confirmationStatus: 'NONE',
    source: 'USER',
  });
});

it("resolves a synonym to its id with ER_SUCCESS_MATCH under the skill's authority", async () => {
  const understood = await en.understand('what is the temperature at seattle');
  expect(understood.intent.name).toBe('SensorReadingIntent');
  const resolutions = {
    resolutionsPerAuthority: [
      {
        authority: 'amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.STATION',
        status: { code: 'ER_SUCCESS_MATCH' },
        values: [{ value: { name: 'Seattle Harbor', id: SEATTLE } }],
      },
    ],
  };
  expect(slotOf(understood, 'station')).toEqual({
    name: 'station',
    value: 'seattle',
    confirmationStatus: 'NONE',
    source: 'USER',
    resolutions,
    slotValue: { type: 'Simple', value: 'seattle', resolutions },
  });
  expect(resolvedIdOf(understood, 'sensor')).toBe('temp');
});

it('resolves regardless of case, accents, plural and a leading article', async () => {
  expect(resolvedIdOf(await en.understand('How many players are on IPHONES'), 'os')).toBe('ios');
  expect(resolvedIdOf(await de.understand('wie ist die temperatur in munchen'), 'station')).toBe(
    MUNICH,
  );
  // "the harbor" is the synonym; "harbor" alone says it too.
  expect(resolvedIdOf(await en.understand('turn the harbor light on'), 'station')).toBe(SEATTLE);
});

it('resolves a value misheard a little, but no other word that merely looks like one', async () => {
  const misheard = await en.understand('what is the temprature at seatle harbour');
  expect(slotOf(misheard, 'station')?.value).toBe('seatle harbour');
  expect(resolvedIdOf(misheard, 'station')).toBe(SEATTLE);
  expect(resolvedIdOf(misheard, 'sensor')).toBe('temp');
  // "phones" is not a misheard "iphones": a mishearing keeps the first letter.
  const phones = await en.understand('how many players are on other phones');
  expect(resolvedIdOf(phones, 'os')).toBe('other');
});

it('answers ER_SUCCESS_NO_MATCH, without values, for words in the slot position that say no value', async () => {
  const understood = await en.understand('what is the temperature at narnia');
  expect(understood.intent.name).toBe('SensorReadingIntent');
  expect(slotOf(understood, 'station')?.value).toBe('narnia');
  expect(slotOf(understood, 'station')?.resolutions).toEqual({
    resolutionsPerAuthority: [
      {
        authority: 'amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.STATION',
        status: { code: 'ER_SUCCESS_NO_MATCH' },
      },
    ],
  });
  const german = await de.understand('schalte das licht am nordpol an');
  expect(slotOf(german, 'station')?.value).toBe('nordpol');
  expect(slotOf(german, 'station')?.resolutions?.resolutionsPerAuthority?.[0]).toEqual({
    authority: `amzn1.er-authority.echo-sdk.${DEFAULT_SKILL_ID}.STATION`,
    status: { code: 'ER_SUCCESS_NO_MATCH' },
  });
  expect(resolvedIdOf(german, 'lightState')).toBe('on');
});

it('does not take a function word for a value ("a" is not quadrant A, "an der" is not light on)', async () => {
  expect((await en.understand('give me a status report for portland')).intent.name).toBe(
    'StationStatusIntent',
  );
  const reading = await de.understand('wie ist die temperatur an der brücke');
  expect(reading.intent.name).toBe('SensorReadingIntent');
  expect(resolvedIdOf(reading, 'station')).toBe(PORTLAND);
});

it('fills both slots of a German command with the verb particle at the end', async () => {
  const understood = await de.understand('schalte das licht in berlin aus');
  expect(understood.intent.name).toBe('SetStationLightIntent');
  expect(resolvedIdOf(understood, 'station')).toBe(BERLIN);
  expect(resolvedIdOf(understood, 'lightState')).toBe('off');
});

it('resolves the adjective people ask with to the quantity it names', async () => {
  const hot = await en.understand('how hot is it at munich airport');
  expect(hot.intent.name).toBe('SensorReadingIntent');
  expect(resolvedIdOf(hot, 'sensor')).toBe('temp');
  const windig = await de.understand('wie windig ist es in london');
  expect(windig.intent.name).toBe('SensorReadingIntent');
  expect(resolvedIdOf(windig, 'sensor')).toBe('wind');
});

it('takes the free words of an AMAZON.SearchQuery slot from where the samples put it', async () => {
  const english = await en.understand('play the post about the new season');
  expect(english.intent.name).toBe('PlayPostIntent');
  expect(slotOf(english, 'title')?.value).toBe('the new season');
  expect(slotOf(english, 'title')?.resolutions).toBeUndefined();
  const german = await de.understand('lies den beitrag über die neue saison vor');
  expect(slotOf(german, 'title')?.value).toBe('die neue saison');
});

it('takes no free text where only a common word stands before it', async () => {
  // "the" leads in to "{title} post" only after "play" or "read": this is no post's title.
  expect((await en.understand("what's the capital of france")).intent.name).toBe(
    'AMAZON.FallbackIntent',
  );
});

it('understands one-shot invocations', async () => {
  const understood = await en.understand('Alexa, ask live pulse how many players are online');
  expect(understood.intent.name).toBe('PlayersOnlineIntent');
});
