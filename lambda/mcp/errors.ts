/** The MCP server's errors: a tool's arguments that name nothing Pulse knows or ask for what it cannot do. */
import { PulseError } from '../../domain/errors';

/** Arguments that fit a tool's schema but cannot be acted on (an unknown station, two changes at once); nothing was done. */
export class ToolInputError extends PulseError {
  override readonly name = 'ToolInputError';
}
