/**
 * The floor of a skill's cold start with the AWS SDK: ask-sdk-core and the DynamoDB clients only,
 * answering a LaunchRequest with one Query. Nothing a skill does can start faster than this.
 */
import { getRequestType, SkillBuilders } from 'ask-sdk-core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));

const skill = SkillBuilders.custom()
  .addRequestHandlers({
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
      return input.responseBuilder.speak(`${count} players are online.`).getResponse();
    },
  })
  .create();

export const handler = (event: unknown, context: unknown) =>
  skill.invoke(event as Parameters<typeof skill.invoke>[0], context);
