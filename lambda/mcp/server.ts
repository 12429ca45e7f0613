/** Pulse as an MCP server: the tools over the same domain services as the skill, one server per request. */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { version } from '../../package.json';
import type { McpDependencies } from './services';
import type { Tool, ToolHost } from './tools/define';
import { playerTools } from './tools/players';
import { postTools } from './tools/posts';
import { stationSettingTools } from './tools/stationSettings';
import { stationTools } from './tools/stations';

const INSTRUCTIONS =
  'Pulse answers what its Alexa skill answers: players online in the game (now, and the trend over ' +
  'the last minutes), the weather stations (their latest sensor windows and their device state), ' +
  'and posts rendered to speech. Times are UTC in ISO 8601. Changing a station setting needs the ' +
  "user's explicit agreement.";

/** Every tool, built once from the services; a request's server registers them with that request's host. */
export function pulseTools(deps: McpDependencies): Tool[] {
  return [
    ...playerTools(deps),
    ...stationTools(deps),
    ...stationSettingTools(deps),
    ...postTools(deps),
  ];
}

export function createPulseMcpServer(tools: readonly Tool[], host: ToolHost): McpServer {
  const server = new McpServer(
    { name: 'pulse', title: 'Pulse', version },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );
  for (const register of tools) register(server, host);
  return server;
}
