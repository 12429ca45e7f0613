/** The skill's structured logger (Powertools): JSON lines with the cause, never in the user's ear. */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'pulse-skill' });
