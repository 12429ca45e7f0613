/** Public face of ssml/: building, escaping, validating and reading back SSML for Alexa and Amazon Polly. */
export { SsmlError } from './errors';
export { escapeXml, unescapeXml, stripInvalidXmlCharacters } from './escape';
export {
  ALEXA_VOICES,
  DEFAULT_VOICES,
  POLLY_VOICES,
  voiceFor,
  isAlexaVoice,
  localeOfVoice,
  pollyVoice,
  type PollyEngine,
  type PollyVoice,
} from './voices';
export { formatNumber, type NumberFormatOptions } from './numbers';
export {
  SSML_TARGETS,
  LIMITS,
  MAX_BREAK_MS,
  isAlexaTarget,
  type SsmlTarget,
  type TargetLimits,
} from './tags';
export { validateSsml, assertValidSsml, limitIssues, type ValidationResult } from './validate';
export { plainTextOf } from './plaintext';
export {
  Speech,
  type SpeechOptions,
  type SpeechDomain,
  type EmphasisLevel,
  type Emotion,
  type EmotionIntensity,
  type ProsodyAttributes,
} from './speech';
export { splitForPolly, billedCharacters, type PollyTextType, type SplitOptions } from './split';
