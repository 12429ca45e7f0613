/** Public API of the local Device Shadow emulator. */
export {
  startShadowService,
  type FaultStatus,
  type PublishedMessage,
  type ShadowService,
  type ShadowServiceOptions,
} from './shadowService';
export {
  applyUpdate,
  computeDelta,
  deleteShadow,
  metadataFor,
  parseUpdateRequest,
  viewShadow,
  type AcceptedUpdate,
  type JsonObject,
  type JsonValue,
  type ShadowView,
  type StoredShadow,
  type UpdateRequest,
} from './shadowDocument';
export { ShadowError, ShadowStateFileError, type ShadowErrorCode } from './errors';
