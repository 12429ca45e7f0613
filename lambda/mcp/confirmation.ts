/**
 * A person's yes before a station changes: asked through MCP elicitation on the tool call's own
 * response stream where that can work, otherwise a preview first and a second call with
 * `confirm: true`.
 */
import { ElicitResultSchema, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { ToolCall } from './tools/define';

/**
 * How long the person has to answer. Within the SDK client's default request timeout (60 s), so
 * that the tool still answers (nothing changed) rather than the whole call timing out.
 */
export const CONFIRMATION_TIMEOUT_MS = 50_000;

/** Per-request client capabilities, as the stateless protocol draft (SEP-2575) has clients send them. */
const CLIENT_CAPABILITIES_META = 'io.modelcontextprotocol/clientCapabilities';

export type Confirmation =
  | { readonly confirmed: true; readonly by: 'elicitation' | 'confirm' }
  | { readonly confirmed: false; readonly outcome: 'declined' | 'unanswered' | 'preview' };

type Asked = 'accepted' | 'declined' | 'unanswered' | 'notAsked';

/**
 * Whether this request's client may be asked. A stateless server never sees the client's
 * `initialize` (another request, another server), so it cannot know whether the client declared
 * elicitation there: it asks, unless the request itself declares its capabilities without
 * elicitation, and a client that takes no elicitation refuses the question (Method not found).
 */
function mayAsk(call: ToolCall): boolean {
  if (!call.canAsk) return false;
  const declared: unknown = call.extra._meta?.[CLIENT_CAPABILITIES_META];
  if (typeof declared !== 'object' || declared === null) return true;
  return 'elicitation' in declared && Boolean((declared as { elicitation: unknown }).elicitation);
}

async function ask(call: ToolCall, question: string): Promise<Asked> {
  if (!mayAsk(call)) return 'notAsked';
  try {
    const answer = await call.extra.sendRequest(
      {
        method: 'elicitation/create',
        params: {
          mode: 'form',
          message: question,
          requestedSchema: {
            type: 'object',
            properties: {
              confirm: {
                type: 'boolean',
                title: 'Apply this change',
                description:
                  'Leave it ticked and accept to apply the change; decline to leave the station as it is.',
                default: true,
              },
            },
          },
        },
      },
      ElicitResultSchema,
      { timeout: CONFIRMATION_TIMEOUT_MS },
    );
    // Accepting without unticking the box is a yes; declining, cancelling or unticking is a no.
    return answer.action === 'accept' && answer.content?.confirm !== false
      ? 'accepted'
      : 'declined';
  } catch (error) {
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) return 'unanswered';
    // The client takes no elicitation (or could not show it): fall back to preview and confirm.
    return 'notAsked';
  }
}

/**
 * Asks `question` where the client can be asked and takes its answer; otherwise `confirm: true`
 * on the call is the yes, and without it the change is only previewed.
 */
export async function confirmation(
  call: ToolCall,
  question: string,
  confirm: boolean | undefined,
): Promise<Confirmation> {
  switch (await ask(call, question)) {
    case 'accepted':
      return { confirmed: true, by: 'elicitation' };
    case 'declined':
      return { confirmed: false, outcome: 'declined' };
    case 'unanswered':
      return { confirmed: false, outcome: 'unanswered' };
    case 'notAsked':
      return confirm === true
        ? { confirmed: true, by: 'confirm' }
        : { confirmed: false, outcome: 'preview' };
  }
}
