/**
 * A skill with an API client, bundled by a test the way the skill is: the one path on which
 * ask-sdk-core makes ask-sdk-model's service client factory (lambda/skill/askSdkModel.ts). Its
 * answer says the customer's email the Alexa Customer Profile API returned, and where it asked.
 */
import { SkillBuilders } from 'ask-sdk-core';

const asked: string[] = [];

export const handler = SkillBuilders.custom()
  .addRequestHandlers({
    canHandle: () => true,
    async handle(input) {
      const email = await input.serviceClientFactory!.getUpsServiceClient().getProfileEmail();
      return input.responseBuilder.speak(`${email} from ${asked.join(' ')}`).getResponse();
    },
  })
  .withApiClient({
    async invoke(request) {
      asked.push(`${request.method} ${request.url}`);
      return { statusCode: 200, headers: [], body: JSON.stringify('someone@example.com') };
    },
  })
  .lambda();
