/** Device Shadow document rules: validation, merge, delta, metadata and versions, without HTTP. */
import {
  applyUpdate,
  computeDelta,
  deleteShadow,
  parseUpdateRequest,
  ShadowError,
  viewShadow,
  type StoredShadow,
} from '../../local/shadows';

const T1 = 1_700_000_000;
const T2 = T1 + 60;

function rejection(run: () => unknown): ShadowError {
  try {
    run();
  } catch (error) {
    if (error instanceof ShadowError) return error;
    throw error;
  }
  throw new Error('expected a ShadowError');
}

function update(stored: StoredShadow | undefined, body: unknown, timestamp = T1) {
  return applyUpdate(stored, parseUpdateRequest(JSON.stringify(body)), timestamp);
}

function nested(depth: number): unknown {
  return depth === 0 ? 'leaf' : { level: nested(depth - 1) };
}

describe('parseUpdateRequest', () => {
  it.each([
    ['{"state": ', 'Invalid JSON'],
    ['[]', 'Invalid JSON'],
    ['{}', 'Missing required node: state'],
    ['{"state": null}', 'State node must be an object'],
    ['{"state": [1]}', 'State node must be an object'],
    ['{"state": {"desired": "on"}}', 'Desired node must be an object'],
    ['{"state": {"reported": [1, 2]}}', 'Reported node must be an object'],
    ['{"state": {"delta": {"a": 1}}}', 'State contains an invalid node'],
    ['{"state": {"desired": {"colors": [null, "RED"]}}}', 'State contains an invalid node'],
    ['{"state": {}, "version": -1}', 'Invalid version'],
    ['{"state": {}, "version": 1.5}', 'Invalid version'],
    ['{"state": {}, "version": "3"}', 'Invalid version'],
    ['{"state": {}, "clientToken": 7}', 'Invalid clientToken'],
  ])('rejects %s with 400 "%s"', (body, message) => {
    const error = rejection(() => parseUpdateRequest(body));
    expect(error.code).toBe(400);
    expect(error.message).toBe(message);
  });

  it('measures the clientToken limit in UTF-8 bytes, not characters', () => {
    expect(parseUpdateRequest(JSON.stringify({ state: {}, clientToken: 'é'.repeat(32) }))).toEqual({
      state: {},
      clientToken: 'é'.repeat(32),
    });
    const error = rejection(() =>
      parseUpdateRequest(JSON.stringify({ state: {}, clientToken: 'é'.repeat(33) })),
    );
    expect(error).toMatchObject({ code: 400, message: 'Invalid clientToken' });
  });

  it('accepts six levels of nesting inside a section and rejects the seventh', () => {
    expect(() =>
      parseUpdateRequest(JSON.stringify({ state: { desired: nested(6) } })),
    ).not.toThrow();
    const error = rejection(() =>
      parseUpdateRequest(JSON.stringify({ state: { reported: nested(7) } })),
    );
    expect(error).toMatchObject({
      code: 400,
      message: 'JSON contains too many levels of nesting; maximum is 6',
    });
  });

  it('echoes a valid clientToken on later validation errors', () => {
    const error = rejection(() => parseUpdateRequest('{"clientToken": "abc", "state": 5}'));
    expect(error.clientToken).toBe('abc');
  });

  it('keeps null sections and ignores fields outside state', () => {
    expect(parseUpdateRequest('{"state": {"desired": null}, "version": 3, "extra": 1}')).toEqual({
      state: { desired: null },
      version: 3,
    });
  });
});

describe('computeDelta', () => {
  it('lists desired fields that differ or are missing from reported, ignoring reported-only ones', () => {
    expect(computeDelta({ color: 'RED', state: 'STOP' }, { color: 'GREEN', engine: 'ON' })).toEqual(
      { color: 'RED', state: 'STOP' },
    );
  });

  it('keeps the full path to a nested difference', () => {
    expect(
      computeDelta(
        { lights: { color: { r: 255, g: 255, b: 255 } } },
        { lights: { color: { r: 255, g: 0, b: 255 } } },
      ),
    ).toEqual({ lights: { color: { g: 255 } } });
  });

  it('compares arrays whole and copies the entire desired array', () => {
    expect(computeDelta({ colors: ['RED', 'GREEN'] }, { colors: ['RED'] })).toEqual({
      colors: ['RED', 'GREEN'],
    });
    expect(computeDelta({ colors: ['RED'] }, { colors: ['RED'] })).toBeUndefined();
  });

  it('is the whole desired section when nothing is reported, and absent without desired', () => {
    expect(computeDelta({ a: 1 }, undefined)).toEqual({ a: 1 });
    expect(computeDelta(undefined, { a: 1 })).toBeUndefined();
    expect(computeDelta({ a: { b: 1 } }, { a: { b: 1 }, c: 2 })).toBeUndefined();
  });

  it('reports a desired object where reported holds a plain value', () => {
    expect(computeDelta({ mode: { eco: true } }, { mode: 'eco' })).toEqual({
      mode: { eco: true },
    });
  });
});

describe('applyUpdate', () => {
  it('creates a shadow at version 1 and answers with what was sent plus its metadata', () => {
    const { shadow, accepted } = update(undefined, {
      state: { desired: { color: 'RED', lights: { on: true } } },
      clientToken: 'token-1',
    });
    expect(accepted).toEqual({
      state: { desired: { color: 'RED', lights: { on: true } } },
      metadata: { desired: { color: { timestamp: T1 }, lights: { on: { timestamp: T1 } } } },
      version: 1,
      timestamp: T1,
      clientToken: 'token-1',
    });
    expect(shadow).toEqual({
      state: { desired: { color: 'RED', lights: { on: true } } },
      metadata: { desired: { color: { timestamp: T1 }, lights: { on: { timestamp: T1 } } } },
      version: 1,
      deleted: false,
    });
  });

  it('deep-merges sent fields and restamps only those', () => {
    const first = update(undefined, {
      state: { reported: { temp: 20, fan: { speed: 1, on: true } } },
    });
    const { shadow, accepted } = update(
      first.shadow,
      { state: { reported: { fan: { speed: 3 } } } },
      T2,
    );
    expect(shadow.state.reported).toEqual({ temp: 20, fan: { speed: 3, on: true } });
    expect(shadow.metadata.reported).toEqual({
      temp: { timestamp: T1 },
      fan: { speed: { timestamp: T2 }, on: { timestamp: T1 } },
    });
    expect(accepted.state).toEqual({ reported: { fan: { speed: 3 } } });
    expect(accepted.metadata).toEqual({ reported: { fan: { speed: { timestamp: T2 } } } });
    expect(shadow.version).toBe(2);
  });

  it('deletes a field and its metadata on null, dropping objects left empty', () => {
    const first = update(undefined, { state: { desired: { a: 1, fan: { speed: 2 } } } });
    const { shadow, accepted } = update(first.shadow, {
      state: { desired: { a: null, fan: { speed: null } } },
    });
    expect(shadow.state).toEqual({});
    expect(shadow.metadata).toEqual({});
    expect(accepted.state).toEqual({ desired: { a: null, fan: { speed: null } } });
    expect(accepted.metadata).toEqual({
      desired: { a: { timestamp: T1 }, fan: { speed: { timestamp: T1 } } },
    });
  });

  it('removes a whole section sent as null and leaves the other one alone', () => {
    const first = update(undefined, { state: { desired: { a: 1 }, reported: { a: 0 } } });
    const { shadow, accepted } = update(first.shadow, {
      state: { desired: null, reported: { a: 1 } },
    });
    expect(shadow.state).toEqual({ reported: { a: 1 } });
    expect(Object.keys(shadow.metadata)).toEqual(['reported']);
    expect(accepted.metadata).toEqual({
      desired: { timestamp: T1 },
      reported: { a: { timestamp: T1 } },
    });
  });

  it('replaces arrays whole and stamps each element', () => {
    const first = update(undefined, { state: { desired: { colors: ['RED', 'GREEN', 'BLUE'] } } });
    const { shadow } = update(first.shadow, { state: { desired: { colors: ['RED'] } } }, T2);
    expect(shadow.state.desired).toEqual({ colors: ['RED'] });
    expect(shadow.metadata.desired).toEqual({ colors: [{ timestamp: T2 }] });
  });

  it('applies an update whose version matches and refuses one that does not with 409', () => {
    const first = update(undefined, { state: { desired: { a: 1 } } });
    expect(update(first.shadow, { state: { desired: { a: 2 } }, version: 1 }).shadow.version).toBe(
      2,
    );
    const conflict = rejection(() =>
      update(first.shadow, { state: { desired: { a: 2 } }, version: 5, clientToken: 'c' }),
    );
    expect(conflict).toMatchObject({ code: 409, message: 'Version conflict', clientToken: 'c' });
  });

  it('refuses with 413 when the merged desired and reported sections exceed 8 KB', () => {
    const half = 'x'.repeat(4200);
    const first = update(undefined, { state: { desired: { a: half } } });
    const error = rejection(() => update(first.shadow, { state: { reported: { b: half } } }));
    expect(error).toMatchObject({
      code: 413,
      message: 'The payload exceeds the maximum size allowed',
    });
  });

  it('continues the version of a deleted shadow when it is created again', () => {
    const first = update(undefined, { state: { desired: { a: 1 } } });
    const second = update(first.shadow, { state: { desired: { a: 2 } } });
    const { shadow: tombstone, deleted } = deleteShadow(second.shadow, T2);
    expect(deleted).toEqual({ version: 2, timestamp: T2 });
    expect(viewShadow(tombstone, T2)).toBeUndefined();

    const recreated = update(tombstone, { state: { reported: { b: 1 } } }, T2);
    expect(recreated.shadow.version).toBe(3);
    expect(recreated.shadow.state).toEqual({ reported: { b: 1 } });
  });
});

describe('viewShadow', () => {
  it('returns the full document with a computed delta and the response time', () => {
    const { shadow } = update(undefined, {
      state: { desired: { a: 1, b: 2 }, reported: { a: 1 } },
    });
    expect(viewShadow(shadow, T2)).toEqual({
      state: { desired: { a: 1, b: 2 }, reported: { a: 1 }, delta: { b: 2 } },
      metadata: {
        desired: { a: { timestamp: T1 }, b: { timestamp: T1 } },
        reported: { a: { timestamp: T1 } },
      },
      version: 1,
      timestamp: T2,
    });
  });

  it('omits the delta once reported matches desired', () => {
    const { shadow } = update(undefined, { state: { desired: { a: 1 }, reported: { a: 1 } } });
    expect(viewShadow(shadow, T1)?.state).not.toHaveProperty('delta');
  });
});
