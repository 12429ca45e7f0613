/**
 * The standard AWS_* variables that point the SDK clients at the emulators: the code under test,
 * and the Lambdas of the local stack, find them the way they find AWS. Set in one place for the
 * local stack, the tests' stacks and the benchmarks.
 */

/** The services the local stack emulates, by the names of `GET /health`'s endpoints. */
export type EmulatedService = 'dynamodb' | 's3' | 'kinesis' | 'iotdata' | 'polly' | 'sns';

export type EmulatorEndpoints = Readonly<Record<EmulatedService, string>>;

/**
 * The key pair every client of the emulators uses. s3rver knows only this one (it answers
 * InvalidAccessKeyId for any other access key ID, and accepts a SigV4 request with it without
 * checking the signature); the other emulators accept any.
 */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** The region of the local stack and of every ARN it makes. */
export const EMULATOR_REGION = 'us-east-1';

/** The SDK's endpoint override per service (AWS_ENDPOINT_URL_<service ID>), in the order they are printed. */
const ENDPOINT_VARIABLES: Readonly<Record<EmulatedService, string>> = {
  dynamodb: 'AWS_ENDPOINT_URL_DYNAMODB',
  s3: 'AWS_ENDPOINT_URL_S3',
  kinesis: 'AWS_ENDPOINT_URL_KINESIS',
  iotdata: 'AWS_ENDPOINT_URL_IOT_DATA_PLANE',
  polly: 'AWS_ENDPOINT_URL_POLLY',
  sns: 'AWS_ENDPOINT_URL_SNS',
};

/**
 * The variables that reach the given emulators: region, key pair, one endpoint override each, and
 * with S3 the checksum settings s3rver needs (by default the SDK streams bodies with aws-chunked
 * framing and a trailing CRC32, which s3rver does not decode and stores inside the object).
 */
export function emulatorEnvironment(endpoints: Partial<EmulatorEndpoints>): Record<string, string> {
  const environment: Record<string, string> = {
    AWS_REGION: EMULATOR_REGION,
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
  };
  for (const [service, variable] of Object.entries(ENDPOINT_VARIABLES)) {
    const url = endpoints[service as EmulatedService];
    if (url !== undefined) environment[variable] = url;
  }
  if (endpoints.s3 !== undefined) {
    environment.AWS_REQUEST_CHECKSUM_CALCULATION = 'WHEN_REQUIRED';
    environment.AWS_RESPONSE_CHECKSUM_VALIDATION = 'WHEN_REQUIRED';
  }
  return environment;
}

/** Points this process's SDK clients at the given emulators. */
export function useEmulators(endpoints: Partial<EmulatorEndpoints>): Record<string, string> {
  const environment = emulatorEnvironment(endpoints);
  Object.assign(process.env, environment);
  return environment;
}
