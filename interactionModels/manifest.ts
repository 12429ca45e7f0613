/** The skill manifest (skill-package/skill.json): store listing per locale, privacy answers, and the custom API. */
import { LOCALES, type Locale } from '../domain/locales';
import {
  ALERT_EVENT_NAME,
  NOTIFICATIONS_PERMISSION,
  PROACTIVE_SUBSCRIPTION_EVENT,
} from '../domain/notifications';

/** Store category from the ASK list: the main question Pulse answers is about a game's live player numbers. */
export const SKILL_CATEGORY = 'GAME_INFO_AND_ACCESSORY';

/** ISO 3166-1 alpha-2 countries where Pulse's locales are spoken. */
export const DISTRIBUTION_COUNTRIES = ['US', 'GB', 'DE'] as const;

export interface LocalePublishingInformation {
  name: string;
  summary: string;
  description: string;
  examplePhrases: string[];
  keywords: string[];
}

export interface SkillManifestDocument {
  manifest: {
    manifestVersion: '1.0';
    publishingInformation: {
      locales: Record<Locale, LocalePublishingInformation>;
      isAvailableWorldwide: boolean;
      distributionCountries: string[];
      distributionMode: 'PUBLIC' | 'PRIVATE';
      category: string;
      testingInstructions: string;
    };
    privacyAndCompliance: {
      allowsPurchases: boolean;
      usesPersonalInfo: boolean;
      isChildDirected: boolean;
      isExportCompliant: boolean;
      containsAds: boolean;
    };
    apis: { custom: CustomApi };
    permissions: { name: string }[];
    /**
     * Written by `ask deploy` from ask-resources.json's `skillEvents` once the stack exists (SMAPI
     * refuses events without an endpoint, which a first deploy cannot have yet); kept by the
     * generator after that.
     */
    events?: SkillEventsManifest;
  };
}

/** The skill's Proactive Events publications and skill-event subscriptions, as ask-resources.json's `skillEvents` lists them. */
export const SKILL_EVENTS = {
  publications: [ALERT_EVENT_NAME],
  subscriptions: [PROACTIVE_SUBSCRIPTION_EVENT],
} as const;

export interface SkillEventsManifest extends DeployedEndpoints {
  publications: { eventName: string }[];
  subscriptions: { eventName: string }[];
}

/** What `ask deploy` writes into skill.json: the endpoint of the Lambda it deployed. */
export interface SkillEndpoint {
  uri: string;
  sslCertificateType?: string;
}

/**
 * The endpoints are not generated: the ASK CLI's cfn-deployer writes the skill function's ARN
 * here after a deploy (per Alexa region under `regions` when ask-resources.json has several).
 */
export interface DeployedEndpoints {
  endpoint?: SkillEndpoint;
  regions?: Record<string, { endpoint: SkillEndpoint }>;
}

export interface CustomApi extends DeployedEndpoints {
  interfaces: { type: 'CAN_FULFILL_INTENT_REQUEST' | 'AUDIO_PLAYER' }[];
}

/** How a user opens a skill with a question, per language; every example phrase starts with it and the invocation name. */
export const LAUNCH_PHRASES: Readonly<Record<Locale, string>> = {
  'en-US': 'Alexa, ask',
  'en-GB': 'Alexa, ask',
  'de-DE': 'Alexa, frag',
};

/** At most three per locale; the request after the invocation name must be a sample utterance (tests check it). */
const EXAMPLE_PHRASES: Readonly<Record<Locale, readonly string[]>> = {
  'en-US': [
    'Alexa, ask live pulse how many players are online',
    'Alexa, ask live pulse how many players are on iPhone',
    'Alexa, ask live pulse what the temperature is at Seattle Harbor',
  ],
  'en-GB': [
    'Alexa, ask live pulse how many players are online',
    'Alexa, ask live pulse how many players are on iPhone',
    'Alexa, ask live pulse what the temperature is at Seattle Harbour',
  ],
  'de-DE': [
    'Alexa, frag live puls, wie viele Spieler online sind',
    'Alexa, frag live puls, wie viele Spieler auf Android spielen',
    'Alexa, frag live puls nach der Temperatur in Berlin',
  ],
};

const ENGLISH_DESCRIPTION = (harbour: string): string =>
  [
    'Live Pulse tells you what is happening right now in your game and at your weather stations.',
    'Ask how many players are online, how many play on Android, iOS or Windows Phone, how busy each map quadrant is, and how the player count has changed over the last few minutes or hours.',
    `Ask what a weather station measured in the last minute: vibration, temperature, humidity, wind speed and air pressure, for example at ${harbour}, and whether its devices are working.`,
    'You can also switch a station light on or off and change how often a station reports; Live Pulse asks you to confirm before it changes anything.',
  ].join('\n\n');

const PUBLISHING: Readonly<Record<Locale, Omit<LocalePublishingInformation, 'examplePhrases'>>> = {
  'en-US': {
    name: 'Live Pulse',
    summary: 'Live player counts for your game and live readings from your weather stations.',
    description: ENGLISH_DESCRIPTION('Seattle Harbor'),
    keywords: [
      'players online',
      'player count',
      'game analytics',
      'weather station',
      'sensors',
      'live data',
    ],
  },
  'en-GB': {
    name: 'Live Pulse',
    summary: 'Live player counts for your game and live readings from your weather stations.',
    description: ENGLISH_DESCRIPTION('Seattle Harbour'),
    keywords: [
      'players online',
      'player count',
      'game analytics',
      'weather station',
      'sensors',
      'live data',
    ],
  },
  'de-DE': {
    name: 'Live Puls',
    summary: 'Aktuelle Spielerzahlen deines Spiels und aktuelle Messwerte deiner Wetterstationen.',
    description: [
      'Live Puls sagt dir, was gerade in deinem Spiel und an deinen Wetterstationen los ist.',
      'Frag, wie viele Spieler online sind, wie viele auf Android, iOS oder Windows Phone spielen, wie voll die einzelnen Quadranten der Karte sind und wie sich die Spielerzahl in den letzten Minuten oder Stunden entwickelt hat.',
      'Frag, was eine Wetterstation in der letzten Minute gemessen hat: Vibration, Temperatur, Luftfeuchtigkeit, Wind und Luftdruck, zum Beispiel in Berlin Mitte, und ob ihre Geräte funktionieren.',
      'Außerdem kannst du das Licht einer Station an- oder ausschalten und ändern, wie oft eine Station meldet; Live Puls fragt nach, bevor es etwas ändert.',
    ].join('\n\n'),
    keywords: [
      'Spieler online',
      'Spielerzahl',
      'Spielstatistik',
      'Wetterstation',
      'Sensoren',
      'Live Daten',
    ],
  },
};

/** What `ask deploy` wrote into skill.json: the custom endpoint, and the events' (the same Lambda). */
export interface Deployed {
  readonly custom?: DeployedEndpoints;
  readonly events?: DeployedEndpoints;
}

/** The manifest; `deployed` carries the endpoints a deploy wrote, which generating must keep. */
export function buildSkillManifest(deployed: Deployed = {}): SkillManifestDocument {
  const custom = deployed.custom ?? {};
  const events = deployed.events ?? {};
  const eventsDeployed = events.endpoint !== undefined || events.regions !== undefined;
  return {
    manifest: {
      manifestVersion: '1.0',
      publishingInformation: {
        locales: Object.fromEntries(
          LOCALES.map((locale) => [
            locale,
            { ...PUBLISHING[locale], examplePhrases: [...EXAMPLE_PHRASES[locale]] },
          ]),
        ) as Record<Locale, LocalePublishingInformation>,
        isAvailableWorldwide: false,
        distributionCountries: [...DISTRIBUTION_COUNTRIES],
        distributionMode: 'PUBLIC',
        category: SKILL_CATEGORY,
        testingInstructions:
          'Say "Alexa, ask live pulse how many players are online" (German: "Alexa, frag live puls, wie viele Spieler online sind"). Changing a station light or reporting interval asks for confirmation first.',
      },
      privacyAndCompliance: {
        allowsPurchases: false,
        usesPersonalInfo: false,
        isChildDirected: false,
        isExportCompliant: true,
        containsAds: false,
      },
      // AUDIO_PLAYER plays posts longer than SSML <audio> allows (240 s).
      apis: {
        custom: {
          interfaces: [{ type: 'CAN_FULFILL_INTENT_REQUEST' }, { type: 'AUDIO_PLAYER' }],
          // After the interfaces, where the ASK CLI adds them.
          ...(custom.endpoint ? { endpoint: custom.endpoint } : {}),
          ...(custom.regions ? { regions: custom.regions } : {}),
        },
      },
      // Alerts reach a user as Alexa notifications, once they grant this.
      permissions: [{ name: NOTIFICATIONS_PERMISSION }],
      ...(eventsDeployed && {
        events: {
          ...(events.endpoint ? { endpoint: events.endpoint } : {}),
          ...(events.regions ? { regions: events.regions } : {}),
          publications: SKILL_EVENTS.publications.map((eventName) => ({ eventName })),
          subscriptions: SKILL_EVENTS.subscriptions.map((eventName) => ({ eventName })),
        },
      }),
    },
  };
}
