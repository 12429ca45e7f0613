/** Public API of the simulated Echo: Alexa's side of a custom skill (NLU, sessions, dialog manager) on this machine, and its speech spoken by the local Polly. */
export { SimulatedEcho } from './simulatedEcho';
export { createLocalEcho, type LocalEchoOptions } from './localEcho';
export { defaultIdentity, identityProblems, type EchoIdentity } from './identity';
export type { AlexaSsmlTarget } from './skillResponse';
export {
  EchoLocaleError,
  InvalidEchoOptionsError,
  InvalidSpeechError,
  SessionLocaleMismatchError,
  SessionNotOpenError,
} from './errors';
export type {
  AskedBy,
  Awaiting,
  EchoTurn,
  SayOptions,
  SessionState,
  SimulatedEchoOptions,
  SkillEndpoint,
  SkillExchange,
  TurnError,
  TurnUnderstanding,
} from './types';
export { renderSpeech, type AudioSegment } from './speechAudio';
export { identityFromEnvironment } from './identitySettings';
