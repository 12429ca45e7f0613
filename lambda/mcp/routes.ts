/** The MCP endpoint's route: one definition for the AWS stack, the local stack and the tests. */
export const MCP_PATH = '/mcp';

/**
 * Every method reaches the handler, which answers POST and refuses the rest with 405 (no session,
 * no stream), as the stateless transport does.
 */
export const MCP_ROUTES = [{ method: 'ANY', path: MCP_PATH }] as const;
