/**
 * The naive skill issue 13 measures Pulse against: what a tutorial writes with the same core
 * dependencies (ask-sdk-core, the DynamoDB clients, the IoT data-plane client, i18next), every
 * client and the translations made when the module loads, one handler per request type.
 */
import {
  getRequestType,
  getIntentName,
  getSlotValue,
  SkillBuilders,
  type RequestHandler,
} from 'ask-sdk-core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetThingShadowCommand, IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import i18next from 'i18next';

const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const iot = new IoTDataPlaneClient({});

void i18next.init({
  lng: 'en-US',
  resources: {
    'en-US': {
      translation: {
        launch: 'Welcome to live pulse. {{count}} players are online. What would you like to know?',
        status: 'The station reports {{state}}.',
        help: 'Ask me how many players are online.',
      },
    },
    'de-DE': {
      translation: {
        launch: 'Willkommen bei live puls. {{count}} Spieler sind online. Was möchtest du wissen?',
        status: 'Die Station meldet {{state}}.',
        help: 'Frag mich, wie viele Spieler online sind.',
      },
    },
  },
});

const LaunchHandler: RequestHandler = {
  canHandle: (input) => getRequestType(input.requestEnvelope) === 'LaunchRequest',
  async handle(input) {
    const result = await dynamo.send(
      new QueryCommand({
        TableName: process.env.USER_ROLLUPS_TABLE,
        KeyConditionExpression: 'dataType = :type',
        ExpressionAttributeValues: { ':type': 'quadrantRollup' },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const count = Number(result.Items?.[0]?.userCount ?? 0);
    const speech = i18next.t('launch', { count });
    return input.responseBuilder.speak(speech).reprompt(i18next.t('help')).getResponse();
  },
};

const StationStatusHandler: RequestHandler = {
  canHandle: (input) =>
    getRequestType(input.requestEnvelope) === 'IntentRequest' &&
    getIntentName(input.requestEnvelope) === 'StationStatusIntent',
  async handle(input) {
    const thingName = getSlotValue(input.requestEnvelope, 'station');
    const shadow = await iot.send(new GetThingShadowCommand({ thingName }));
    const state = new TextDecoder().decode(shadow.payload);
    return input.responseBuilder.speak(i18next.t('status', { state })).getResponse();
  },
};

const HelpHandler: RequestHandler = {
  canHandle: (input) => getRequestType(input.requestEnvelope) === 'IntentRequest',
  handle: (input) => input.responseBuilder.speak(i18next.t('help')).getResponse(),
};

const skill = SkillBuilders.custom()
  .addRequestHandlers(LaunchHandler, StationStatusHandler, HelpHandler)
  .create();

export const handler = (event: unknown, context: unknown) =>
  skill.invoke(event as Parameters<typeof skill.invoke>[0], context);
