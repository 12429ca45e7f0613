import { ALEXA_VOICES, DEFAULT_VOICES, SsmlError, voiceFor } from '../../ssml';

function errorOf(action: () => unknown): SsmlError {
  try {
    action();
  } catch (error) {
    if (error instanceof SsmlError) return error;
    throw error;
  }
  throw new Error('expected an SsmlError');
}

describe('ALEXA_VOICES', () => {
  it('lists the Polly voices Alexa accepts per locale', () => {
    expect(ALEXA_VOICES['en-US']).toEqual([
      'Ivy',
      'Joanna',
      'Joey',
      'Justin',
      'Kendra',
      'Kimberly',
      'Matthew',
      'Salli',
    ]);
    expect(ALEXA_VOICES['de-DE']).toEqual(['Hans', 'Marlene', 'Vicki']);
    expect(Object.keys(ALEXA_VOICES)).toEqual([
      'en-US',
      'en-GB',
      'en-AU',
      'en-IN',
      'de-DE',
      'es-ES',
      'it-IT',
      'ja-JP',
      'fr-FR',
    ]);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(ALEXA_VOICES)).toBe(true);
    expect(Object.isFrozen(ALEXA_VOICES['en-GB'])).toBe(true);
    expect(Object.isFrozen(DEFAULT_VOICES)).toBe(true);
  });

  it('has each default voice among its locale’s voices', () => {
    for (const [locale, voice] of Object.entries(DEFAULT_VOICES)) {
      expect(ALEXA_VOICES[locale]).toContain(voice);
    }
  });
});

describe('voiceFor', () => {
  it.each([
    ['en-US', 'Matthew'],
    ['en-GB', 'Amy'],
    ['de-DE', 'Vicki'],
  ])('speaks %s in %s when no voice is configured', (locale, voice) => {
    expect(voiceFor(locale)).toBe(voice);
    expect(voiceFor(locale, '')).toBe(voice);
    expect(voiceFor(locale, '  ')).toBe(voice);
  });

  it('uses a configured voice of the right language', () => {
    expect(voiceFor('de-DE', 'Hans')).toBe('Hans');
    expect(voiceFor('en-GB', 'Brian')).toBe('Brian');
  });

  it('accepts a configured voice in any case and returns Alexa’s spelling', () => {
    expect(voiceFor('en-us', ' joanna ')).toBe('Joanna');
    expect(voiceFor('fr-FR', 'Léa')).toBe('Lea');
  });

  it('refuses a voice of the wrong language, saying which language it speaks and what to use instead', () => {
    const error = errorOf(() => voiceFor('en-US', 'Hans'));
    expect(error.name).toBe('SsmlError');
    expect(error.message).toContain('"Hans" speaks de-DE, not en-US');
    expect(error.message).toContain('Ivy, Joanna, Joey, Justin, Kendra, Kimberly, Matthew, Salli');
    expect(error.issues).toHaveLength(1);
  });

  it('refuses a voice Alexa does not know, naming the allowed voices', () => {
    const error = errorOf(() => voiceFor('de-DE', 'Bob'));
    expect(error.message).toContain('"Bob" is not a voice Alexa accepts');
    expect(error.message).toContain('Hans, Marlene, Vicki');
  });

  it('refuses an unknown locale, naming the known ones', () => {
    const error = errorOf(() => voiceFor('xx-XX'));
    expect(error.message).toContain('unknown locale "xx-XX"');
    expect(error.message).toContain('en-US, en-GB');
  });

  it('asks for a configured voice where a locale has no default', () => {
    expect(voiceFor('en-AU', 'Nicole')).toBe('Nicole');
    expect(() => voiceFor('en-AU')).toThrow(
      'no default voice for en-AU; configure one of Nicole, Russell',
    );
  });
});
