/** Public API of the local NLU: trained from an ASK interaction model, it hears utterances as Alexa's NLU does. */
export { trainNlu, DEFAULT_SKILL_ID } from './train';
export {
  NluError,
  InvalidModelError,
  UnsupportedLocaleError,
  InvalidUtteranceError,
  UnknownSlotError,
} from './errors';
export { FALLBACK_INTENT, YES_INTENT, NO_INTENT } from './builtIns';
export type {
  Alternative,
  HeardSlot,
  Invocation,
  InvocationForm,
  Nlu,
  NluOptions,
  UnderstandOptions,
  Understanding,
} from './types';
