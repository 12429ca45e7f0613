/**
 * What ask-sdk-core takes from ask-sdk-model when it runs, in the skill's bundle (scripts/bundle.ts
 * puts this module where ask-sdk-core imports the package): `services.ServiceClientFactory`, made
 * for a request only when the skill has an API client, which Pulse's has not. The package is
 * otherwise types, and 62 KB of Alexa service clients the skill would compile at every cold start;
 * here they load from a file of their own (FILES_APART) on the first factory made.
 */
import type { services as AlexaServices } from 'ask-sdk-model';

type ServiceClientFactoryClass = typeof AlexaServices.ServiceClientFactory;

/** The package's factory, constructed from its own file: `new` here returns the real instance. */
const ServiceClientFactory = function ServiceClientFactory(
  apiConfiguration: ConstructorParameters<ServiceClientFactoryClass>[0],
) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const alexa = require('ask-sdk-model') as typeof import('ask-sdk-model');
  return new alexa.services.ServiceClientFactory(apiConfiguration);
} as unknown as ServiceClientFactoryClass;

export const services = { ServiceClientFactory };
