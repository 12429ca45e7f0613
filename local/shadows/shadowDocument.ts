/** Device Shadow document rules (AWS IoT): validating update requests, merging them, delta, metadata, versions. */
import { ShadowError } from './errors';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type SectionName = 'desired' | 'reported';
export const SECTIONS: readonly SectionName[] = ['desired', 'reported'];

/** What a shadow holds between requests; a deleted shadow keeps its version so a re-creation continues it. */
export interface StoredShadow {
  state: Partial<Record<SectionName, JsonObject>>;
  /** Mirrors `state`: every leaf becomes `{"timestamp": seconds}`, arrays hold one entry per element. */
  metadata: Partial<Record<SectionName, JsonObject>>;
  version: number;
  deleted: boolean;
}

export interface UpdateRequest {
  /** `null` for a section or a field deletes it. */
  state: Partial<Record<SectionName, JsonObject | null>>;
  version?: number;
  clientToken?: string;
}

/** The body of a GET: the full document with the computed delta. */
export interface ShadowView {
  state: { desired?: JsonObject; reported?: JsonObject; delta?: JsonObject };
  metadata: Partial<Record<SectionName, JsonObject>>;
  version: number;
  timestamp: number;
}

/** The body of an accepted update: only what was sent, with metadata for exactly those fields. */
export interface AcceptedUpdate {
  state: Partial<Record<SectionName, JsonObject | null>>;
  metadata: Partial<Record<SectionName, JsonValue>>;
  version: number;
  timestamp: number;
  clientToken?: string;
}

export const MAX_NESTING_DEPTH = 6;
export const MAX_STATE_BYTES = 8 * 1024;
export const MAX_CLIENT_TOKEN_BYTES = 64;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Levels of objects/arrays under a section: `{"a": 1}` is 1, `{"a": {"b": 1}}` is 2. */
function nestingDepth(value: JsonValue): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(nestingDepth));
  if (isJsonObject(value)) return 1 + Math.max(0, ...Object.values(value).map(nestingDepth));
  return 0;
}

function containsNullInArray(value: JsonValue, insideArray = false): boolean {
  if (value === null) return insideArray;
  if (Array.isArray(value)) return value.some((item) => containsNullInArray(item, true));
  if (isJsonObject(value)) return Object.values(value).some((item) => containsNullInArray(item));
  return false;
}

/** Checks an update body in the order AWS reports problems; throws a 400 ShadowError on the first one. */
export function parseUpdateRequest(body: string): UpdateRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ShadowError(400, 'Invalid JSON', undefined, { cause: error });
  }
  if (!isJsonObject(parsed)) throw new ShadowError(400, 'Invalid JSON');

  const { clientToken, version, state } = parsed;
  if (
    clientToken !== undefined &&
    (typeof clientToken !== 'string' ||
      Buffer.byteLength(clientToken, 'utf8') > MAX_CLIENT_TOKEN_BYTES)
  ) {
    throw new ShadowError(400, 'Invalid clientToken');
  }
  const token = typeof clientToken === 'string' ? clientToken : undefined;
  const reject = (message: string): ShadowError => new ShadowError(400, message, token);

  const validVersion = typeof version === 'number' && Number.isSafeInteger(version) && version >= 0;
  if (version !== undefined && !validVersion) {
    throw reject('Invalid version');
  }
  if (state === undefined) throw reject('Missing required node: state');
  if (!isJsonObject(state)) throw reject('State node must be an object');
  if (Object.keys(state).some((key) => key !== 'desired' && key !== 'reported')) {
    throw reject('State contains an invalid node');
  }
  const request: UpdateRequest = { state: {} };
  for (const section of SECTIONS) {
    const value = state[section];
    if (value === undefined) continue;
    if (value !== null && !isJsonObject(value)) {
      throw reject(`${section === 'desired' ? 'Desired' : 'Reported'} node must be an object`);
    }
    if (value !== null && nestingDepth(value) > MAX_NESTING_DEPTH) {
      throw reject(`JSON contains too many levels of nesting; maximum is ${MAX_NESTING_DEPTH}`);
    }
    // AWS documents that arrays cannot hold nulls; it does not document the message.
    if (value !== null && containsNullInArray(value)) {
      throw reject('State contains an invalid node');
    }
    request.state[section] = value;
  }
  if (typeof version === 'number') request.version = version;
  if (token !== undefined) request.clientToken = token;
  return request;
}

/** Metadata for a freshly written value: the same shape, each leaf stamped. */
export function metadataFor(value: JsonValue, timestamp: number): JsonValue {
  if (Array.isArray(value)) return value.map((item) => metadataFor(item, timestamp));
  if (isJsonObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, metadataFor(item, timestamp)]),
    );
  }
  return { timestamp };
}

interface Section {
  state: JsonObject;
  metadata: JsonObject;
}

/**
 * Deep-merges `patch` into a section: objects merge key by key, anything else (arrays included)
 * replaces, `null` removes. Objects left empty are dropped, as AWS does not keep empty nodes.
 */
function mergeSection(current: Section, patch: JsonObject, timestamp: number): Section {
  const state: JsonObject = { ...current.state };
  const metadata: JsonObject = { ...current.metadata };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete state[key];
      delete metadata[key];
    } else if (isJsonObject(value)) {
      const existing = state[key];
      const existingMetadata = metadata[key];
      const merged = mergeSection(
        isJsonObject(existing) && isJsonObject(existingMetadata)
          ? { state: existing, metadata: existingMetadata }
          : { state: {}, metadata: {} },
        value,
        timestamp,
      );
      if (Object.keys(merged.state).length === 0) {
        delete state[key];
        delete metadata[key];
      } else {
        state[key] = merged.state;
        metadata[key] = merged.metadata;
      }
    } else {
      state[key] = value;
      metadata[key] = metadataFor(value, timestamp);
    }
  }
  return { state, metadata };
}

function jsonEqual(left: JsonValue, right: JsonValue): boolean {
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => jsonEqual(item, right[index] as JsonValue))
    );
  }
  if (isJsonObject(left) && isJsonObject(right)) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every(
        (key) => key in right && jsonEqual(left[key] as JsonValue, right[key] as JsonValue),
      )
    );
  }
  return left === right;
}

/**
 * Desired fields the device has not reported: walks `desired`, keeps the full path to nested
 * differences, compares arrays whole and ignores reported-only fields. Undefined when empty.
 */
export function computeDelta(
  desired: JsonObject | undefined,
  reported: JsonObject | undefined,
): JsonObject | undefined {
  if (desired === undefined) return undefined;
  const delta: JsonObject = {};
  for (const [key, wanted] of Object.entries(desired)) {
    const actual = reported?.[key];
    if (actual === undefined) {
      delta[key] = wanted;
    } else if (isJsonObject(wanted) && isJsonObject(actual)) {
      const nested = computeDelta(wanted, actual);
      if (nested !== undefined) delta[key] = nested;
    } else if (!jsonEqual(wanted, actual)) {
      delta[key] = wanted;
    }
  }
  return Object.keys(delta).length > 0 ? delta : undefined;
}

/** Bytes of the desired and reported sections, the part AWS counts against the 8 KB limit. */
export function stateSize(state: StoredShadow['state']): number {
  return SECTIONS.reduce(
    (total, section) =>
      total + (state[section] ? Buffer.byteLength(JSON.stringify(state[section]), 'utf8') : 0),
    0,
  );
}

/**
 * Applies an accepted-looking update to what is stored (undefined when the shadow never existed).
 * `timestamp` is epoch seconds. Throws 409 on a version mismatch and 413 when the result is too big.
 */
export function applyUpdate(
  stored: StoredShadow | undefined,
  request: UpdateRequest,
  timestamp: number,
): { shadow: StoredShadow; accepted: AcceptedUpdate } {
  // A shadow that never existed is at version 0; a deleted one still carries its last version.
  const currentVersion = stored?.version ?? 0;
  if (request.version !== undefined && request.version !== currentVersion) {
    throw new ShadowError(409, 'Version conflict', request.clientToken);
  }
  const live = stored && !stored.deleted ? stored : undefined;
  const shadow: StoredShadow = {
    state: { ...live?.state },
    metadata: { ...live?.metadata },
    version: currentVersion + 1,
    deleted: false,
  };
  const accepted: AcceptedUpdate = {
    state: {},
    metadata: {},
    version: shadow.version,
    timestamp,
  };
  for (const section of SECTIONS) {
    const patch = request.state[section];
    if (patch === undefined) continue;
    accepted.state[section] = patch;
    accepted.metadata[section] = patch === null ? { timestamp } : metadataFor(patch, timestamp);
    const merged =
      patch === null
        ? undefined
        : mergeSection(
            { state: shadow.state[section] ?? {}, metadata: shadow.metadata[section] ?? {} },
            patch,
            timestamp,
          );
    if (merged && Object.keys(merged.state).length > 0) {
      shadow.state[section] = merged.state;
      shadow.metadata[section] = merged.metadata;
    } else {
      delete shadow.state[section];
      delete shadow.metadata[section];
    }
  }
  if (stateSize(shadow.state) > MAX_STATE_BYTES) {
    throw new ShadowError(413, 'The payload exceeds the maximum size allowed', request.clientToken);
  }
  if (request.clientToken !== undefined) accepted.clientToken = request.clientToken;
  return { shadow, accepted };
}

/** The GET document, or undefined when there is no live shadow. */
export function viewShadow(
  stored: StoredShadow | undefined,
  timestamp: number,
): ShadowView | undefined {
  if (!stored || stored.deleted) return undefined;
  const delta = computeDelta(stored.state.desired, stored.state.reported);
  return {
    state: { ...stored.state, ...(delta && { delta }) },
    metadata: stored.metadata,
    version: stored.version,
    timestamp,
  };
}

/** Deleting keeps only the version; the response carries it with the time of deletion. */
export function deleteShadow(
  stored: StoredShadow,
  timestamp: number,
): { shadow: StoredShadow; deleted: { version: number; timestamp: number } } {
  return {
    shadow: { state: {}, metadata: {}, version: stored.version, deleted: true },
    deleted: { version: stored.version, timestamp },
  };
}
