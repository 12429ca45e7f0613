/** The generated voice interface: committed files match their sources, and the models keep ASK's and Pulse's rules. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  SKILL_PACKAGE_DIR,
  renderArtifacts,
  staleArtifacts,
  writeArtifacts,
} from '../../interactionModels/generate';
import { LOCALES, type Locale } from '../../domain/locales';
import {
  LAUNCH_PHRASES,
  SKILL_EVENTS,
  type SkillManifestDocument,
} from '../../interactionModels/manifest';
import type { InteractionModelDocument } from '../../interactionModels/model';
import {
  CONFIRMED_INTENTS,
  Intent,
  IntentSlots,
  SlotType,
  type CustomIntentName,
} from '../../domain/names';
import { stationCatalog } from '../../domain/catalog';
import {
  LIGHT_STATES,
  OPERATING_SYSTEM_IDS,
  QUADRANTS,
  SENSOR_TYPES,
} from '../../domain/vocabulary';

const REPO_ROOT = join(__dirname, '..', '..');
const CUSTOM_INTENTS = Object.keys(IntentSlots) as CustomIntentName[];
const MIN_SAMPLES_PER_INTENT = 8;
const MIN_SAMPLES_FOR_PLAYERS_ONLINE = 12;

/** Words an invocation name may not contain (wake words, launch phrases), in English and German. */
const WAKE_AND_LAUNCH_WORDS = (
  'alexa amazon echo computer skill app ask tell open launch start begin load run play resume ' +
  'enable use talk frag frage öffne starte spiele sag sage aktiviere beginne'
).split(' ');
/** A two-word invocation name may not spend a word on an article or connector. */
const CONNECTING_WORDS = 'the a an for to of der die das ein eine für zu von'.split(' ');

function committedModel(locale: Locale): InteractionModelDocument['interactionModel'] {
  const path = join(SKILL_PACKAGE_DIR, 'interactionModels', 'custom', `${locale}.json`);
  return (JSON.parse(readFileSync(path, 'utf8')) as InteractionModelDocument).interactionModel;
}

function committedManifest(packageDir = SKILL_PACKAGE_DIR): SkillManifestDocument['manifest'] {
  const path = join(packageDir, 'skill.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as SkillManifestDocument).manifest;
}

/** A Lambda function ARN, as the cfn-deployer writes it into skill.json (its SkillEndpoint output). */
const LAMBDA_ARN =
  /^arn:aws[a-z-]*:lambda:[a-z]{2}(-[a-z]+)+-\d:\d{12}:function:[\w-]+(:[\w$-]+)?$/;

function placeholders(sample: string): string[] {
  return [...sample.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1] ?? '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lower case without punctuation, the way Alexa hears a phrase. */
function asHeard(phrase: string, locale: Locale): string {
  return phrase
    .replace(/[^\p{L}' ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase(locale);
}

/** One pattern per sample utterance: custom slots match their values and synonyms, built-in ones any words. */
function samplePatterns(
  model: InteractionModelDocument['interactionModel'],
  locale: Locale,
): RegExp[] {
  const spokenValues = new Map(
    model.languageModel.types.map((type) => [
      type.name as string,
      type.values.flatMap((value) => [value.name.value, ...value.name.synonyms]),
    ]),
  );
  return model.languageModel.intents.flatMap((intent) =>
    intent.samples.map((sample) => {
      const pattern = sample
        .split(/(\{[^{}]*\})/)
        .map((part) => {
          const slotName = /^\{([^{}]*)\}$/.exec(part)?.[1];
          if (slotName === undefined) return escapeRegExp(asHeard(part, locale));
          const slotType = intent.slots?.find((slot) => slot.name === slotName)?.type ?? '';
          const values = spokenValues.get(slotType);
          return values === undefined
            ? "[\\p{L}' ]+"
            : `(?:${values.map((value) => escapeRegExp(asHeard(value, locale))).join('|')})`;
        })
        .filter((part) => part.length > 0)
        .join(' ');
      return new RegExp(`^${pattern}$`, 'u');
    }),
  );
}

describe('the generated skill-package', () => {
  it('is exactly what the generator builds from the typed sources', () => {
    const stale = staleArtifacts(renderArtifacts()).map((artifact) =>
      relative(REPO_ROOT, artifact.path),
    );
    const verdict =
      stale.length === 0
        ? 'up to date'
        : `${stale.join(', ')} differ from their sources: run \`npm run generate:models\` and commit the result`;
    expect(verdict).toBe('up to date');
  });
});

describe.each(LOCALES)('the %s interaction model', (locale) => {
  const model = committedModel(locale);
  const intentNamed = (name: string) => model.languageModel.intents.find((i) => i.name === name);
  const typeNamed = (name: string) => model.languageModel.types.find((t) => t.name === name);
  const idsOf = (typeName: string) => typeNamed(typeName)?.values.map((value) => value.id);

  it('gives every custom intent at least 8 sample utterances, and "how many players are online" more', () => {
    for (const intent of CUSTOM_INTENTS) {
      const minimum =
        intent === Intent.PlayersOnline ? MIN_SAMPLES_FOR_PLAYERS_ONLINE : MIN_SAMPLES_PER_INTENT;
      expect({ intent, enough: (intentNamed(intent)?.samples.length ?? 0) >= minimum }).toEqual({
        intent,
        enough: true,
      });
    }
  });

  it('declares each custom intent with exactly the slots names.ts gives it', () => {
    for (const intent of CUSTOM_INTENTS) {
      const declared = Object.fromEntries(
        (intentNamed(intent)?.slots ?? []).map((slot) => [slot.name, slot.type]),
      );
      expect(declared).toEqual(IntentSlots[intent]);
    }
  });

  it('uses in every sample only placeholders that are slots of its intent', () => {
    for (const intent of model.languageModel.intents) {
      const slotNames = (intent.slots ?? []).map((slot) => slot.name as string);
      const samples = [...intent.samples, ...(intent.slots ?? []).flatMap((s) => s.samples ?? [])];
      for (const sample of samples) {
        for (const placeholder of placeholders(sample)) {
          expect({
            intent: intent.name,
            sample,
            placeholder,
            isSlot: slotNames.includes(placeholder),
          }).toEqual({ intent: intent.name, sample, placeholder, isSlot: true });
        }
      }
    }
  });

  it('has no sample utterance twice, within an intent or across intents', () => {
    const seen = new Map<string, string>();
    const repeats: string[] = [];
    for (const intent of model.languageModel.intents) {
      for (const sample of intent.samples) {
        const key = sample.toLocaleLowerCase(locale).replace(/\s+/g, ' ').trim();
        const earlier = seen.get(key);
        if (earlier !== undefined) repeats.push(`"${sample}" in ${earlier} and ${intent.name}`);
        seen.set(key, intent.name);
      }
    }
    expect(repeats).toEqual([]);
  });

  it('lists every catalog station in STATION with its spoken name and synonyms for this locale', () => {
    const expected = stationCatalog.stations.map((station) => ({
      id: station.id,
      name: { value: station.names[locale].name, synonyms: station.names[locale].synonyms },
    }));
    expect(typeNamed(SlotType.Station)?.values).toEqual(expected);
  });

  it('takes slot value ids exactly from the domain vocabularies', () => {
    expect(idsOf(SlotType.Os)).toEqual(OPERATING_SYSTEM_IDS);
    expect(idsOf(SlotType.Quadrant)).toEqual([...QUADRANTS]);
    expect(idsOf(SlotType.Sensor)).toEqual([...SENSOR_TYPES]);
    expect(idsOf(SlotType.LightState)).toEqual([...LIGHT_STATES]);
    expect(idsOf(SlotType.Station)).toEqual(stationCatalog.stations.map((station) => station.id));
  });

  it('gives every slot value a spoken name, and no spoken form to two values of one type', () => {
    for (const type of model.languageModel.types) {
      const spoken = type.values.flatMap((value) => [value.name.value, ...value.name.synonyms]);
      const heard = spoken.map((form) => asHeard(form, locale));
      expect({ type: type.name, distinct: new Set(heard).size === heard.length }).toEqual({
        type: type.name,
        distinct: true,
      });
      expect(type.values.every((value) => value.name.value.trim().length > 0)).toBe(true);
    }
  });

  it('declares the built-in intents with no samples of their own, the AudioPlayer ones included', () => {
    for (const builtIn of [
      Intent.Help,
      Intent.Stop,
      Intent.Cancel,
      Intent.Fallback,
      Intent.NavigateHome,
      // An AudioPlayer skill must declare all of these.
      Intent.Pause,
      Intent.Resume,
      Intent.Next,
      Intent.Previous,
      Intent.StartOver,
      Intent.Repeat,
      Intent.LoopOn,
      Intent.LoopOff,
      Intent.ShuffleOn,
      Intent.ShuffleOff,
    ]) {
      expect(intentNamed(builtIn)).toEqual({ name: builtIn, samples: [] });
    }
  });

  it('puts each confirmed intent and all its slots in the dialog model, delegated to the skill, confirmed by the skill', () => {
    expect(model.dialog.delegationStrategy).toBe('SKILL_RESPONSE');
    expect(model.dialog.intents.map((dialogIntent) => dialogIntent.name)).toEqual([
      ...CONFIRMED_INTENTS,
    ]);
    for (const dialogIntent of model.dialog.intents) {
      expect(dialogIntent.delegationStrategy).toBe('SKILL_RESPONSE');
      expect(dialogIntent.confirmationRequired).toBe(false);
      expect(Object.fromEntries(dialogIntent.slots.map((slot) => [slot.name, slot.type]))).toEqual(
        IntentSlots[dialogIntent.name],
      );
    }
  });

  it('has, for every slot the dialog model elicits, a prompt with wording and sample answers', () => {
    const promptIds = new Set(model.prompts.map((prompt) => prompt.id));
    for (const dialogIntent of model.dialog.intents) {
      for (const slot of dialogIntent.slots.filter((s) => s.elicitationRequired)) {
        const promptId = slot.prompts.elicitation ?? '';
        expect(promptIds.has(promptId)).toBe(true);
        const prompt = model.prompts.find((p) => p.id === promptId);
        expect(prompt?.variations.length).toBeGreaterThan(0);
        for (const variation of prompt?.variations ?? []) {
          expect(variation).toEqual({ type: 'PlainText', value: expect.stringMatching(/\S/) });
        }
        const answers = intentNamed(dialogIntent.name)?.slots?.find(
          (s) => s.name === slot.name,
        )?.samples;
        expect(answers?.length).toBeGreaterThan(0);
      }
    }
  });

  it('has an invocation name Alexa accepts: two or more lower-case words, no launch or wake words', () => {
    const invocationName = model.languageModel.invocationName;
    expect(invocationName).toMatch(/^[a-zäöüß.']+(?: [a-zäöüß.']+)+$/);
    const words = invocationName.split(' ');
    expect(words.filter((word) => WAKE_AND_LAUNCH_WORDS.includes(word))).toEqual([]);
    const connectorsInTwoWords =
      words.length === 2 ? words.filter((word) => CONNECTING_WORDS.includes(word)) : [];
    expect(connectorsInTwoWords).toEqual([]);
  });

  it('has store example phrases that open with the launch phrase and invocation name and ask a sample utterance', () => {
    const phrases = committedManifest().publishingInformation.locales[locale].examplePhrases;
    expect(phrases.length).toBeGreaterThanOrEqual(1);
    expect(phrases.length).toBeLessThanOrEqual(3);
    const opening = `${LAUNCH_PHRASES[locale]} ${model.languageModel.invocationName}`;
    const patterns = samplePatterns(model, locale);
    for (const phrase of phrases) {
      expect(phrase.startsWith(opening)).toBe(true);
      const request = asHeard(phrase.slice(opening.length), locale);
      expect({
        request,
        matchesASample: patterns.some((pattern) => pattern.test(request)),
      }).toEqual({ request, matchesASample: true });
    }
  });
});

describe('skill.json', () => {
  const manifest = committedManifest();

  it('asks for the notifications permission, and leaves the events to `ask deploy` until it has an endpoint for them', () => {
    expect(manifest.permissions).toEqual([{ name: 'alexa::devices:all:notifications:write' }]);
    // SMAPI refuses events without an endpoint; the committed package has not been deployed.
    expect(manifest.events).toBeUndefined();
    const skillEvents = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'ask-resources.json'), 'utf8')) as {
        profiles: { default: { skillInfrastructure: { userConfig: { skillEvents: unknown } } } };
      }
    ).profiles.default.skillInfrastructure.userConfig.skillEvents;
    expect(skillEvents).toEqual({
      publications: ['AMAZON.MessageAlert.Activated'],
      subscriptions: ['SKILL_PROACTIVE_SUBSCRIPTION_CHANGED'],
    });
    expect(skillEvents).toEqual(SKILL_EVENTS);
  });

  it('is a version 1.0 custom-skill manifest offering CanFulfillIntentRequest and AudioPlayer, leaving the endpoint to the deployer', () => {
    expect(manifest.manifestVersion).toBe('1.0');
    const { interfaces, endpoint, regions, ...rest } = manifest.apis.custom;
    expect(Object.keys(manifest.apis)).toEqual(['custom']);
    expect(interfaces).toEqual([{ type: 'CAN_FULFILL_INTENT_REQUEST' }, { type: 'AUDIO_PLAYER' }]);
    expect(rest).toEqual({});
    // Absent until `ask deploy` writes the Lambda it deployed; then a function ARN.
    for (const written of [endpoint, ...Object.values(regions ?? {}).map((r) => r.endpoint)]) {
      if (written !== undefined) expect(written.uri).toMatch(LAMBDA_ARN);
    }
  });

  it('lists en-US, en-GB and de-DE in the store with name, summary, description and keywords', () => {
    const locales = manifest.publishingInformation.locales;
    expect(Object.keys(locales).sort()).toEqual([...LOCALES].sort());
    for (const locale of LOCALES) {
      const listing = locales[locale];
      expect(listing.name).toMatch(/\S/);
      expect(listing.summary.length).toBeGreaterThan(0);
      expect(listing.summary.length).toBeLessThanOrEqual(160);
      expect(listing.description.length).toBeGreaterThan(listing.summary.length);
      expect(listing.keywords.length).toBeGreaterThan(0);
    }
  });

  it('is distributed in the countries of its locales, under a game-information category', () => {
    const publishing = manifest.publishingInformation;
    expect(publishing.isAvailableWorldwide).toBe(false);
    expect([...publishing.distributionCountries].sort()).toEqual(['DE', 'GB', 'US']);
    expect(publishing.category).toBe('GAME_INFO_AND_ACCESSORY');
  });

  it('declares no purchases, no personal information, no ads, not child-directed, and export compliance', () => {
    expect(manifest.privacyAndCompliance).toEqual({
      allowsPurchases: false,
      usesPersonalInfo: false,
      isChildDirected: false,
      isExportCompliant: true,
      containsAds: false,
    });
  });
});

describe('after `ask deploy` writes the skill endpoint and, from skillEvents, the events into skill.json', () => {
  const uri =
    'arn:aws:lambda:eu-west-1:123456789012:function:ask-livepulse-default-SkillFunction-XyZ';
  let packageDir: string;

  beforeEach(() => {
    packageDir = mkdtempSync(join(tmpdir(), 'pulse-skill-package-'));
    cpSync(SKILL_PACKAGE_DIR, packageDir, { recursive: true });
    // As ask-cli's SkillInfrastructureController.updateSkillManifestWithDeployResult does it with
    // ask-resources.json's skillEvents: the deployed Lambda for the custom API and the events.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Manifest = require('ask-cli/dist/lib/model/manifest') as {
      new (path: string): {
        setApisEndpointByDomainRegion(d: string, r: string, e: object): void;
        setEventsEndpointByRegion(r: string, e: object): void;
        setEventsPublications(p: object[]): void;
        setEventsSubscriptions(s: object[]): void;
        write(): void;
      };
      dispose(): void;
    };
    Manifest.dispose();
    const manifest = new Manifest(join(packageDir, 'skill.json'));
    manifest.setApisEndpointByDomainRegion('custom', 'default', { uri });
    manifest.setEventsEndpointByRegion('default', { uri });
    manifest.setEventsPublications(SKILL_EVENTS.publications.map((eventName) => ({ eventName })));
    manifest.setEventsSubscriptions(SKILL_EVENTS.subscriptions.map((eventName) => ({ eventName })));
    manifest.write();
    Manifest.dispose();
  });

  afterEach(() => rmSync(packageDir, { recursive: true, force: true }));

  it('the package still counts as generated, and generating again keeps the events with their endpoint', () => {
    expect(staleArtifacts(renderArtifacts(packageDir))).toEqual([]);
    writeArtifacts(renderArtifacts(packageDir));
    const written = committedManifest(packageDir);
    expect(written.events).toEqual({
      endpoint: { uri },
      publications: [{ eventName: 'AMAZON.MessageAlert.Activated' }],
      subscriptions: [{ eventName: 'SKILL_PROACTIVE_SUBSCRIPTION_CHANGED' }],
    });
    expect(written.events?.endpoint).toEqual(written.apis.custom.endpoint);
    expect(staleArtifacts(renderArtifacts(packageDir))).toEqual([]);
  });

  it('a publication changed by hand is drift', () => {
    const path = join(packageDir, 'skill.json');
    const changed = JSON.parse(readFileSync(path, 'utf8')) as SkillManifestDocument;
    changed.manifest.events!.publications = [{ eventName: 'AMAZON.WeatherAlert.Activated' }];
    writeFileSync(path, JSON.stringify(changed));
    expect(staleArtifacts(renderArtifacts(packageDir))).toHaveLength(1);
  });
});

describe('after `ask deploy` writes the skill endpoint into skill.json', () => {
  const uri =
    'arn:aws:lambda:us-east-1:123456789012:function:ask-livepulse-default-SkillFunction-AbC123';
  let packageDir: string;

  beforeEach(() => {
    packageDir = mkdtempSync(join(tmpdir(), 'pulse-skill-package-'));
    cpSync(SKILL_PACKAGE_DIR, packageDir, { recursive: true });
    // The ASK CLI's own code, as its deploy runs it: set apis.custom.endpoint, write the file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Manifest = require('ask-cli/dist/lib/model/manifest') as {
      new (path: string): {
        setApisEndpointByDomainRegion(d: string, r: string, e: object): void;
        write(): void;
      };
      dispose(): void;
    };
    Manifest.dispose();
    const manifest = new Manifest(join(packageDir, 'skill.json'));
    manifest.setApisEndpointByDomainRegion('custom', 'default', { uri });
    manifest.write();
    Manifest.dispose();
  });

  afterEach(() => rmSync(packageDir, { recursive: true, force: true }));

  it('the package still counts as generated: the check passes', () => {
    expect(committedManifest(packageDir).apis.custom.endpoint).toEqual({ uri });
    expect(staleArtifacts(renderArtifacts(packageDir))).toEqual([]);
  });

  it('generating again keeps the endpoint', () => {
    writeArtifacts(renderArtifacts(packageDir));
    const manifest = committedManifest(packageDir);
    expect(manifest.apis.custom).toEqual({
      interfaces: [{ type: 'CAN_FULFILL_INTENT_REQUEST' }, { type: 'AUDIO_PLAYER' }],
      endpoint: { uri },
    });
    expect(staleArtifacts(renderArtifacts(packageDir))).toEqual([]);
  });

  it('a change to a generated part is still drift', () => {
    const path = join(packageDir, 'skill.json');
    const changed = JSON.parse(readFileSync(path, 'utf8')) as SkillManifestDocument;
    changed.manifest.publishingInformation.category = 'NEWS';
    writeFileSync(path, JSON.stringify(changed));
    expect(
      staleArtifacts(renderArtifacts(packageDir)).map((a) => relative(packageDir, a.path)),
    ).toEqual(['skill.json']);
  });
});
