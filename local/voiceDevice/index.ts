/** Public API of the simulated Echo: what a user says matched to the skill, and its answer spoken by the local Polly. */
export { createVoiceDevice, type SkillEndpoint, type Turn, type VoiceDevice } from './voiceDevice';
export { renderSpeech, type AudioSegment } from './speechAudio';
export { spokenDurationToIso } from './spokenDuration';
