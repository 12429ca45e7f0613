/** The request envelopes Alexa sends a custom skill: session, context (System, AudioPlayer) and the request itself. */
import { randomUUID } from 'node:crypto';
import type {
  DialogState,
  Intent,
  IntentRequest,
  LaunchRequest,
  Request,
  RequestEnvelope,
  SessionEndedError,
  SessionEndedReason,
  SessionEndedRequest,
  SupportedInterfaces,
} from 'ask-sdk-model';
import type { Locale } from '../../domain/locales';
import type { AudioPlayerState } from './audioPlayer';
import { apiAccessToken, type EchoIdentity } from './identity';

/** The session a request belongs to, as the Echo keeps it. */
export interface SessionOfRequest {
  readonly id: string;
  readonly isNew: boolean;
  readonly attributes: Readonly<Record<string, unknown>> | undefined;
}

export interface EnvelopeParts {
  readonly skillId: string;
  readonly identity: EchoIdentity;
  readonly supportedInterfaces: SupportedInterfaces;
  readonly apiEndpoint: (locale: Locale) => string;
  readonly now: () => Date;
  /** Present when the device has an audio player (supportedInterfaces.AudioPlayer). */
  readonly audioPlayer: AudioPlayerState | undefined;
}

export function newSessionId(): string {
  return `amzn1.echo-api.session.${randomUUID()}`;
}

export class RequestEnvelopes {
  constructor(private readonly parts: EnvelopeParts) {}

  /** Alexa's timestamps: ISO 8601 in UTC, to the second. */
  private timestamp(): string {
    return this.parts
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  private common(): { requestId: string; timestamp: string } {
    return { requestId: `amzn1.echo-api.request.${randomUUID()}`, timestamp: this.timestamp() };
  }

  launch(locale: Locale): LaunchRequest {
    return { type: 'LaunchRequest', ...this.common(), locale };
  }

  /**
   * An IntentRequest. `dialogState` is "included if the skill meets the requirements to use the
   * Dialog directives" (a dialog model); ask-sdk-model types it as always present, hence the cast.
   */
  intent(locale: Locale, intent: Intent, dialogState: DialogState | undefined): IntentRequest {
    return {
      type: 'IntentRequest',
      ...this.common(),
      locale,
      ...(dialogState && { dialogState }),
      intent,
    } as IntentRequest;
  }

  sessionEnded(
    locale: Locale,
    reason: SessionEndedReason,
    error?: SessionEndedError,
  ): SessionEndedRequest {
    return {
      type: 'SessionEndedRequest',
      ...this.common(),
      locale,
      reason,
      ...(error && { error }),
    };
  }

  /** The whole envelope of `request` in `session`, as Alexa posts it. */
  envelope(session: SessionOfRequest, locale: Locale, request: Request): RequestEnvelope {
    const { skillId, identity, supportedInterfaces, audioPlayer } = this.parts;
    const application = { applicationId: skillId };
    const apiEndpoint = this.parts.apiEndpoint(locale);
    return {
      version: '1.0',
      session: {
        new: session.isNew,
        sessionId: session.id,
        application,
        ...(session.attributes !== undefined && {
          attributes: structuredClone(session.attributes) as Record<string, unknown>,
        }),
        user: { userId: identity.userId },
      },
      context: {
        System: {
          application,
          user: { userId: identity.userId },
          device: {
            deviceId: identity.deviceId,
            supportedInterfaces: structuredClone(supportedInterfaces),
          },
          apiEndpoint,
          apiAccessToken: apiAccessToken(skillId, identity, apiEndpoint, this.parts.now()),
        },
        ...(audioPlayer && { AudioPlayer: audioPlayer.context() }),
      },
      request,
    };
  }
}
