/** The environment variables each Lambda function is given in AWS, listed once for the stack and its tests. */
import type { FunctionName } from '../scripts/bundle';

/**
 * Every variable the stack sets per function. Resource names (tables, bucket, topic) must be set
 * because the code's defaults are the local stack's names; the PULSE_* ones carry parameters.
 */
export const FUNCTION_ENVIRONMENT = {
  skill: [
    'SKILL_ID',
    'USER_ROLLUPS_TABLE',
    'SENSOR_ROLLUPS_TABLE',
    'POSTS_TABLE',
    'POSTS_BUCKET',
    'PULSE_POLLY_ENGINE',
    'PULSE_VOICE_EN_US',
    'PULSE_VOICE_EN_GB',
    'PULSE_VOICE_DE_DE',
    'ALERTS_TABLE',
    'PULSE_ROLLUP_RETENTION_DAYS',
    // Read by the SDK's IoT data-plane client: the account's own endpoint, found at deploy time.
    'AWS_ENDPOINT_URL_IOT_DATA_PLANE',
  ],
  persist: [
    'USER_ROLLUPS_TABLE',
    'SENSOR_ROLLUPS_TABLE',
    'PULSE_ROLLUP_RETENTION_DAYS',
    'ALERTS_TABLE',
    'ALERTS_TOPIC_ARN',
  ],
  aggregate: [
    'USER_ROLLUPS_TABLE',
    'SENSOR_ROLLUPS_TABLE',
    'PULSE_ROLLUP_RETENTION_DAYS',
    'ALERTS_TABLE',
    'ALERTS_TOPIC_ARN',
  ],
  postsApi: ['POSTS_TABLE', 'POSTS_BUCKET', 'POSTS_TOPIC_ARN', 'PULSE_POLLY_ENGINE'],
  render: ['POSTS_TABLE', 'POSTS_BUCKET', 'PULSE_POLLY_ENGINE', 'PULSE_RENDER_MAX_ATTEMPTS'],
  renderDeadLetters: ['POSTS_TABLE'],
  postsSweeper: [
    'POSTS_TABLE',
    'POSTS_TOPIC_ARN',
    'PULSE_RENDER_MAX_ATTEMPTS',
    'PULSE_POST_STUCK_MINUTES',
  ],
  // The MCP server reads what the skill reads, and creates posts as the API does.
  mcp: [
    'USER_ROLLUPS_TABLE',
    'SENSOR_ROLLUPS_TABLE',
    'POSTS_TABLE',
    'POSTS_BUCKET',
    'POSTS_TOPIC_ARN',
    'PULSE_POLLY_ENGINE',
    'AWS_ENDPOINT_URL_IOT_DATA_PLANE',
  ],
  // The client secret is not a variable: the Secrets Manager secret's ARN is.
  notify: ['ALEXA_CLIENT_ID', 'ALEXA_CLIENT_SECRET_ARN', 'PULSE_PROACTIVE_EVENTS_STAGE'],
} as const satisfies Record<FunctionName, readonly string[]>;

export type EnvironmentVariable = (typeof FUNCTION_ENVIRONMENT)[FunctionName][number];

/** The handler of each function inside the one code zip that hooks/build.sh writes. */
export function handlerOf(name: FunctionName): string {
  return `${name}/index.handler`;
}
