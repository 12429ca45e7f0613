/** The alert a permission request carries through Alexa and back (the AskFor token): what Pulse wrote comes back whole, anything else is no alert. */
import { alertFromToken, alertToken, type WantedAlert } from '../../lambda/skill/topics/alerts';

const sensorAlert: WantedAlert = {
  subject: { kind: 'sensor', stationId: 'bR4lnMt7Xa', sensor: 'temp' },
  direction: 'above',
  threshold: 20.5,
};
const playersAlert: WantedAlert = {
  subject: { kind: 'players' },
  direction: 'below',
  threshold: 100,
};

it.each([sensorAlert, playersAlert])('reads back the alert it wrote: %j', (alert) => {
  expect(alertFromToken(alertToken(alert))).toEqual(alert);
});

it('keeps the token short: Alexa hands it back as it is', () => {
  expect(alertToken(sensorAlert).length).toBeLessThan(120);
});

it.each([
  undefined,
  '',
  'not json',
  '[]',
  'null',
  JSON.stringify({ players: true, direction: 'below', threshold: 3 }),
  JSON.stringify({ alert: 1, players: true, direction: 'sideways', threshold: 3 }),
  JSON.stringify({ alert: 1, players: true, direction: 'below', threshold: '3' }),
  JSON.stringify({ alert: 1, station: 'x', sensor: 'smell', direction: 'above', threshold: 3 }),
  JSON.stringify({ alert: 1, sensor: 'temp', direction: 'above', threshold: 3 }),
])('reads no alert from a token Pulse did not write: %s', (token) => {
  expect(alertFromToken(token)).toBeUndefined();
});
