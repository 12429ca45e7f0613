import { GetThingShadowCommand, IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { Intent, Slot } from '../../domain/names';
import type { SkillConfig } from '../../lambda/skill/config';
import { createSkillServices } from '../../lambda/skill/services';
import { createSkillHandler, type SkillHandler } from '../../lambda/skill';
import { intentRequest, launchRequest } from '../support/requests';
import { reprompted, spoken } from '../support/speech';
import { startTestStack, playerRollup, type TestStack } from '../support/stack';
import { EMULATOR_CREDENTIALS } from '../../local/environment';

const PORTLAND = 'qwbKAMlbZW';
const SEATTLE = 'vzqHb8vgh0';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.close();
});

function handlerAt(config: SkillConfig, now?: () => number): SkillHandler {
  return createSkillHandler({ config, services: createSkillServices(config, now) });
}

describe('players online', () => {
  let config: SkillConfig;
  let ask: SkillHandler;
  const latest = Date.now() - 1500;

  beforeAll(async () => {
    config = await stack.freshConfig();
    await stack.putPlayerRollups(config, [
      playerRollup(latest - 2000, 90),
      playerRollup(latest, 96, {
        byOs: { android: 50, ios: 46, windowsPhone: 0, other: 0 },
        byQuadrant: { A: 80, B: 10, C: 3, D: 3 },
      }),
    ]);
    ask = handlerAt(config);
  });

  it('speaks the latest total with its OS and quadrant breakdown in en-US', async () => {
    const said = spoken(await ask(intentRequest(Intent.PlayersOnline)));
    expect(said).toContain('96 players are online right now.');
    expect(said).toContain('By system: 50 on Android and 46 on iOS.');
    expect(said).toContain(
      'By quadrant: 80 in quadrant A, 10 in quadrant B, 3 in quadrant C, and 3 in quadrant D.',
    );
  });

  it('speaks British list style in en-GB', async () => {
    const said = spoken(await ask(intentRequest(Intent.PlayersOnline, {}, { locale: 'en-GB' })));
    expect(said).toContain('96 players are online right now.');
    expect(said).toContain(
      '80 in quadrant A, 10 in quadrant B, 3 in quadrant C and 3 in quadrant D.',
    );
  });

  it('speaks German in de-DE, in the Vicki voice', async () => {
    const response = await ask(intentRequest(Intent.PlayersOnline, {}, { locale: 'de-DE' }));
    expect(spoken(response)).toContain(
      'Gerade sind 96 Spieler online. Nach System: 50 mit Android und 46 mit iOS.',
    );
    expect(JSON.stringify(response.response.outputSpeech)).toContain('<voice name=\\"Vicki\\">');
  });

  it('ends a one-shot question and keeps a session the user opened', async () => {
    const oneShot = await ask(intentRequest(Intent.PlayersOnline));
    expect(oneShot.response.shouldEndSession).toBe(true);
    const inSession = await ask(intentRequest(Intent.PlayersOnline, {}, { newSession: false }));
    expect(inSession.response.shouldEndSession).toBe(false);
    expect(reprompted(inSession)).toBe('What else would you like to know?');
  });

  it('leads the launch with the headline number', async () => {
    const response = await ask(launchRequest());
    expect(spoken(response)).toMatch(/^Live Pulse here\. 96 players are online right now\. Ask me/);
    expect(response.response.shouldEndSession).toBe(false);
  });

  it('answers for one OS and one quadrant, resolved by entity resolution', async () => {
    const ios = spoken(
      await ask(intentRequest(Intent.PlayersByOs, { [Slot.Os]: { value: 'iphone', id: 'ios' } })),
    );
    expect(ios).toBe('46 players are on iOS, 48 percent of everyone online.');
    const quadrant = spoken(
      await ask(
        intentRequest(Intent.PlayersByQuadrant, { [Slot.Quadrant]: { value: 'bravo', id: 'B' } }),
      ),
    );
    expect(quadrant).toBe('10 players are in quadrant B, 10 percent of everyone online.');
  });

  it('asks again, naming what it knows, when Alexa could not resolve the slot', async () => {
    const response = await ask(
      intentRequest(Intent.PlayersByOs, { [Slot.Os]: { value: 'blackberry', noMatch: true } }),
    );
    expect(spoken(response)).toBe(
      "I don't know the system blackberry. I count Android, iOS, Windows Phone, and other systems. Which one would you like?",
    );
    expect(response.response.shouldEndSession).toBe(false);
    expect(reprompted(response)).toContain('Which one would you like?');
  });

  it('announces an old rollup as old, with its time', async () => {
    const fiveMinutesLater = () => latest + 5 * 60_000;
    const old = handlerAt({ ...config, timeZone: 'UTC' }, fiveMinutesLater);
    const time = new Intl.DateTimeFormat('en-US', {
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'UTC',
    }).format(latest);
    expect(spoken(await old(intentRequest(Intent.PlayersOnline)))).toContain(
      `I haven't had an update for 5 minutes. At ${time}, 96 players were online.`,
    );
  });
});

describe('player trend', () => {
  it('says the change in percent, low, high and average over the spoken duration', async () => {
    const config = await stack.freshConfig();
    const now = Date.now();
    const counts = [80, 100, 90, 95, 88];
    await stack.putPlayerRollups(config, [
      playerRollup(now - 20 * 60_000, 500), // outside the ten minutes asked about
      ...counts.map((n, i) => playerRollup(now - (9 - 2 * i) * 60_000, n)),
    ]);
    const said = spoken(
      await handlerAt(
        config,
        () => now,
      )(intentRequest(Intent.PlayersTrend, { [Slot.Duration]: { value: 'PT10M' } })),
    );
    expect(said).toBe(
      'Over the last 10 minutes, the number of players went up 10 percent, from 80 to 88. The low was 80, the high 100, and the average 91.',
    );
  });

  it('defaults to ten minutes and says when there is too little data', async () => {
    const config = await stack.freshConfig();
    const said = spoken(await handlerAt(config)(intentRequest(Intent.PlayersTrend)));
    expect(said).toBe(
      "I don't have enough player numbers from the last 10 minutes to tell a trend.",
    );
  });
});

describe('sensor readings', () => {
  it("weights each sensor's average by its message count over the latest window", async () => {
    const config = await stack.freshConfig();
    const window = Date.now() - 30_000;
    const rollup = (sensorId: string, windowTime: number, avgValue: number, count: number) => ({
      stationId: PORTLAND,
      sensor: 'vib' as const,
      sensorId,
      windowTime,
      avgValue,
      smoothAvgValue: avgValue - 0.05,
      sum: avgValue * count,
      count,
    });
    await stack.putSensorRollups(config, [
      rollup('dc2b8383eb79fe49', window - 60_000, 9.99, 60), // the window before
      rollup('dc2b8383eb79fe49', window, 1.0, 60),
      rollup('dc2b8383eb79fe4a', window, 1.3, 30),
      rollup('dc2b8383eb79fe4b', window, 1.06, 10),
    ]);
    const ask = handlerAt({ ...config, timeZone: 'UTC' });
    const request = (locale: string, sensor: string, station: string) =>
      intentRequest(
        Intent.SensorReading,
        {
          [Slot.Sensor]: { value: sensor, id: 'vib' },
          [Slot.Station]: { value: station, id: PORTLAND },
        },
        { locale },
      );
    // (1.0*60 + 1.3*30 + 1.06*10) / 100 = 1.096
    expect(spoken(await ask(request('en-US', 'vibration', 'the bridge')))).toMatch(
      /^At Portland Bridge, the vibration averaged 1\.1 millimeters per second in the minute to .+, from 3 sensors\./,
    );
    expect(spoken(await ask(request('de-DE', 'Vibration', 'Portland Brücke')))).toMatch(
      /^An der Station Portland Brücke lag die Vibration in der Minute bis .+ im Mittel bei 1,1 Millimeter pro Sekunde, gemessen von 3 Sensoren\./,
    );
  });

  it('says when a station does not measure the sensor type', async () => {
    const config = await stack.freshConfig();
    const said = spoken(
      await handlerAt(config)(
        intentRequest(Intent.SensorReading, {
          [Slot.Sensor]: { value: 'vibration', id: 'vib' },
          [Slot.Station]: { value: 'London Docklands', id: 'mK8rLdn2Qe' },
        }),
      ),
    );
    expect(said).toBe(
      "London Docklands doesn't measure vibration. It measures temperature, humidity, wind speed, and air pressure.",
    );
  });

  it('asks which station, naming the known ones, for a station it does not know', async () => {
    const config = await stack.freshConfig();
    const response = await handlerAt(config)(
      intentRequest(Intent.SensorReading, {
        [Slot.Sensor]: { value: 'temperature', id: 'temp' },
        [Slot.Station]: { value: 'atlantis', noMatch: true },
      }),
    );
    expect(spoken(response)).toBe(
      "I don't know a station called atlantis. I know Seattle Harbor, Portland Bridge, London Docklands, Berlin Central, and Munich Airport. Which station?",
    );
  });
});

describe('station status and changes', () => {
  let config: SkillConfig;
  let ask: SkillHandler;

  beforeAll(async () => {
    config = await stack.freshConfig();
    ask = handlerAt(config);
    await stack.updateShadow(SEATTLE, {
      reported: {
        light: 'on',
        reportingIntervalSeconds: 60,
        batteryPercent: 87,
        firmware: '2.1.0 <beta> & "rc"',
      },
      desired: { light: 'off' },
    });
  });

  it('says what the station reported, how long ago, and what is still pending', async () => {
    const said = spoken(
      await ask(
        intentRequest(Intent.StationStatus, { [Slot.Station]: { value: 'Seattle', id: SEATTLE } }),
      ),
    );
    expect(said).toMatch(/^Seattle Harbor last reported \d+ seconds? ago, at .+\./);
    expect(said).toContain(
      'It reports the light on, a reading every minute, the battery at 87 percent, and firmware 2.1.0 <beta> & "rc".',
    );
    expect(said).toContain('Still pending: the light off.');
  });

  it('asks for confirmation before writing, and writes nothing when denied', async () => {
    const slots = {
      [Slot.Station]: { value: 'Berlin', id: 'bR4lnMt7Xa' },
      [Slot.LightState]: { value: 'on', id: 'on' },
    };
    const asking = await ask(intentRequest(Intent.SetStationLight, slots));
    expect(spoken(asking)).toBe('Shall I switch the light at Berlin Central on?');
    expect(asking.response.directives?.[0]?.type).toBe('Dialog.ConfirmIntent');
    expect(asking.response.shouldEndSession).toBe(false);

    const denied = await ask(
      intentRequest(Intent.SetStationLight, slots, { confirmationStatus: 'DENIED' }),
    );
    expect(spoken(denied)).toBe("Okay, I've left Berlin Central as it is.");
    expect(stack.shadows.getShadow('bR4lnMt7Xa')).toBeUndefined();
  });

  it('writes the desired state once confirmed and says honestly that the station has not applied it yet', async () => {
    const slots = {
      [Slot.Station]: { value: 'Seattle', id: SEATTLE },
      [Slot.Interval]: { value: 'PT30S' },
    };
    const done = await ask(
      intentRequest(Intent.SetReportingInterval, slots, { confirmationStatus: 'CONFIRMED' }),
    );
    expect(spoken(done)).toBe(
      "Done: I've asked Seattle Harbor to take a reading every 30 seconds. It hasn't confirmed yet; ask me for its status in a moment.",
    );
    const iot = new IoTDataPlaneClient({
      region: 'us-east-1',
      endpoint: stack.shadows.url,
      credentials: EMULATOR_CREDENTIALS,
    });
    const { payload } = await iot.send(new GetThingShadowCommand({ thingName: SEATTLE }));
    const document = JSON.parse(new TextDecoder().decode(payload)) as {
      state: { desired: Record<string, unknown> };
    };
    expect(document.state.desired).toEqual({ light: 'off', reportingIntervalSeconds: 30 });
    iot.destroy();
  });

  it('says the station already has a value it reports', async () => {
    const done = await ask(
      intentRequest(
        Intent.SetStationLight,
        {
          [Slot.Station]: { value: 'Seattle', id: SEATTLE },
          [Slot.LightState]: { value: 'on', id: 'on' },
        },
        { confirmationStatus: 'CONFIRMED' },
      ),
    );
    expect(spoken(done)).toBe('Seattle Harbor already has its light on.');
  });

  it('refuses an interval outside the allow-list and asks for an allowed one', async () => {
    const response = await ask(
      intentRequest(Intent.SetReportingInterval, {
        [Slot.Station]: { value: 'Seattle', id: SEATTLE },
        [Slot.Interval]: { value: 'PT7S' },
      }),
    );
    expect(spoken(response)).toBe(
      'Seattle Harbor can take a reading every 10 seconds, every 30 seconds, every minute, every 5 minutes, or every 15 minutes. How often would you like?',
    );
    expect(response.response.directives?.[0]).toMatchObject({
      type: 'Dialog.ElicitSlot',
      slotToElicit: Slot.Interval,
    });
  });
});
