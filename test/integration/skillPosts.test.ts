/** The skill and posts: list, play by recency or title (SSML <audio> or AudioPlayer), say why it cannot. */
import type { ResponseEnvelope } from 'ask-sdk-model';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import type { Locale } from '../../domain/locales';
import { Intent, Slot } from '../../domain/names';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { postsRepository, type PostsRepository } from '../../lambda/posts/repository';
import { createSkillHandler, type SkillHandler } from '../../lambda/skill';
import { createSkillServices } from '../../lambda/skill/services';
import { ensurePostsTable } from '../../local/dynamo';
import { createLocalEcho } from '../../local/voiceDevice';
import { intentRequest } from '../support/requests';
import { spoken } from '../support/speech';
import { startTestStack, type TestStack } from '../support/stack';
import { EMULATOR_CREDENTIALS } from '../../local/environment';

let stack: TestStack;
let posts: PostsRepository;
let skill: SkillHandler;
const saved = { ...process.env };

async function addPost(
  title: string,
  status: 'COMPLETED' | 'PROCESSING' | 'FAILED',
  durationSeconds = 30,
) {
  const postId = randomUUID();
  await posts.create(
    {
      postId,
      title,
      text: `${title}.`,
      textType: 'text',
      voice: 'Matthew',
      engine: 'standard',
      locale: 'en-US',
      characters: title.length + 1,
    },
    new Date(),
  );
  if (status === 'COMPLETED')
    await posts.complete(postId, { audioKey: `posts/${postId}.mp3`, durationSeconds }, new Date());
  if (status === 'FAILED')
    await posts.fail(postId, { code: 'InvalidSsmlException', message: 'bad' }, new Date());
  // Posts are listed by creation time; keep each one's time its own.
  await new Promise((resolve) => setTimeout(resolve, 5));
  return postId;
}

beforeAll(async () => {
  stack = await startTestStack();
  const table = `posts-${randomUUID().slice(0, 8)}`;
  const admin = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: stack.dynamo.url,
    credentials: EMULATOR_CREDENTIALS,
  });
  await ensurePostsTable(admin, table);
  admin.destroy();
  // Presigning needs no S3 at all: URLs are signed locally, and in AWS they are https.
  Object.assign(process.env, {
    POSTS_TABLE: table,
    POSTS_BUCKET: 'pulse-audio',
    AWS_ENDPOINT_URL_S3: 'https://s3.us-east-1.amazonaws.com',
  });
  posts = postsRepository({ client: dynamoDocumentClient({ timeoutMs: 2000 }), tableName: table });
  const config = await stack.freshConfig();
  skill = createSkillHandler({ config, services: createSkillServices(config) });
});

afterAll(async () => {
  process.env = saved;
  await stack.close();
});

describe('with no posts', () => {
  it('says there are none', async () => {
    expect(spoken(await skill(intentRequest(Intent.ReadLatestPost)))).toBe(
      "You don't have any posts yet.",
    );
    expect(spoken(await skill(intentRequest(Intent.ListPosts, {}, { locale: 'de-DE' })))).toBe(
      'Du hast noch keine Beiträge.',
    );
  });
});

describe('with posts', () => {
  let weather: string;
  let longRead: string;

  beforeAll(async () => {
    weather = await addPost('Weather in Berlin', 'COMPLETED', 42);
    await addPost('Broken & odd <one>', 'FAILED');
    longRead = await addPost('The long history of Portland bridges', 'COMPLETED', 600);
    await addPost('Tomorrow’s plan', 'PROCESSING');
  });

  it('lists the latest with their state', async () => {
    expect(spoken(await skill(intentRequest(Intent.ListPosts)))).toBe(
      'Your latest posts are “Tomorrow’s plan”, still being prepared, “The long history of Portland bridges”, ready to play, “Broken & odd <one>”, failed, and “Weather in Berlin”, ready to play.',
    );
  });

  it('says the latest post is still being prepared', async () => {
    expect(spoken(await skill(intentRequest(Intent.ReadLatestPost)))).toBe(
      'Your post “Tomorrow’s plan” is still being turned into speech. Ask me again in a minute.',
    );
  });

  it('plays a short post by title through SSML <audio>, its presigned URL escaped', async () => {
    const response = await skill(
      intentRequest(Intent.PlayPost, { [Slot.Title]: { value: 'the weather in berlin' } }),
    );
    expect(spoken(response)).toBe('Here is your post “Weather in Berlin”.');
    const ssml = (response.response.outputSpeech as { ssml: string }).ssml;
    expect(ssml).toMatch(
      new RegExp(
        `<audio src='https://[^']*/pulse-audio/posts/${weather}\\.mp3\\?[^']*&amp;X-Amz-Signature=`,
      ),
    );
    expect(response.response.directives).toBeUndefined();
  });

  it('plays a post over 240 seconds through AudioPlayer', async () => {
    const response = await skill(
      intentRequest(Intent.PlayPost, { [Slot.Title]: { value: 'portland bridges' } }),
    );
    expect(spoken(response)).toBe('Playing your post “The long history of Portland bridges”.');
    expect(response.response.directives?.[0]).toMatchObject({
      type: 'AudioPlayer.Play',
      playBehavior: 'REPLACE_ALL',
      audioItem: {
        stream: {
          token: longRead,
          offsetInMilliseconds: 0,
          url: expect.stringMatching(/^https:\/\//),
        },
      },
    });
    expect(response.response.shouldEndSession).toBe(true);
  });

  it('says honestly when a post failed, and names the latest when no title matches', async () => {
    expect(
      spoken(
        await skill(intentRequest(Intent.PlayPost, { [Slot.Title]: { value: 'broken odd one' } })),
      ),
    ).toBe("Sorry, I couldn't turn your post “Broken & odd <one>” into speech.");
    const response = await skill(
      intentRequest(Intent.PlayPost, { [Slot.Title]: { value: 'volcanoes' } }),
    );
    expect(spoken(response)).toMatch(
      /^I couldn't find a post about volcanoes\. Your latest posts are .+ Which one would you like\?$/,
    );
    expect(response.response.shouldEndSession).toBe(false);
  });

  it('resumes where the device stopped, and stops on pause', async () => {
    const resumeRequest = intentRequest(Intent.Resume) as { context: Record<string, unknown> };
    resumeRequest.context.AudioPlayer = {
      token: longRead,
      offsetInMilliseconds: 65_000,
      playerActivity: 'STOPPED',
    };
    const resumed = await skill(resumeRequest);
    expect(resumed.response.directives?.[0]).toMatchObject({
      type: 'AudioPlayer.Play',
      audioItem: { stream: { token: longRead, offsetInMilliseconds: 65_000 } },
    });
    const paused = await skill(intentRequest(Intent.Pause));
    expect(paused.response.directives?.[0]).toMatchObject({ type: 'AudioPlayer.Stop' });
  });

  it('answers AudioPlayer events with an empty response', async () => {
    const started = intentRequest(Intent.Help) as {
      request: Record<string, unknown>;
      session?: unknown;
    };
    started.request = {
      type: 'AudioPlayer.PlaybackStarted',
      requestId: 'r',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      token: longRead,
      offsetInMilliseconds: 0,
    };
    delete started.session;
    expect((await skill(started)).response).toEqual({});
  });

  // Runs before the dialog test below completes "Tomorrow’s plan": the newest ready post is the long read.
  describe("the player's built-in intents", () => {
    type Envelope = { request: Record<string, unknown>; context: Record<string, unknown> };

    /** A request as Alexa sends it while (or after) the device plays `token`. */
    function withPlayer(envelope: unknown, token: string, offsetInMilliseconds = 65_000) {
      (envelope as Envelope).context.AudioPlayer = {
        token,
        offsetInMilliseconds,
        playerActivity: 'PLAYING',
      };
      return envelope;
    }

    function playDirective(response: ResponseEnvelope) {
      const directive = response.response.directives?.[0] as
        | { type: string; audioItem: { stream: { token: string; offsetInMilliseconds: number } } }
        | undefined;
      return (
        directive && {
          type: directive.type,
          token: directive.audioItem.stream.token,
          offset: directive.audioItem.stream.offsetInMilliseconds,
        }
      );
    }

    it('Next plays the next older post that is ready, past a failed one, from its start', async () => {
      const response = await skill(withPlayer(intentRequest(Intent.Next), longRead));
      expect(spoken(response)).toBe('Playing your post “Weather in Berlin”.');
      expect(playDirective(response)).toEqual({
        type: 'AudioPlayer.Play',
        token: weather,
        offset: 0,
      });
      expect(response.response.shouldEndSession).toBe(true);
    });

    it('Next at the oldest post and Previous at the newest say so', async () => {
      const atOldest = await skill(
        withPlayer(intentRequest(Intent.Next, {}, { locale: 'en-GB' }), weather),
      );
      expect(spoken(atOldest)).toBe("There's no older post ready to play.");
      expect(atOldest.response.directives).toBeUndefined();
      const atNewest = await skill(
        withPlayer(intentRequest(Intent.Previous, {}, { locale: 'de-DE' }), longRead),
      );
      expect(spoken(atNewest)).toBe('Einen neueren Beitrag zum Abspielen gibt es nicht.');
    });

    it('Previous plays the newer post', async () => {
      const response = await skill(withPlayer(intentRequest(Intent.Previous), weather));
      expect(spoken(response)).toBe('Playing your post “The long history of Portland bridges”.');
      expect(playDirective(response)).toEqual({
        type: 'AudioPlayer.Play',
        token: longRead,
        offset: 0,
      });
    });

    it("the device's Next and Previous buttons move through the posts without a word", async () => {
      const button = (type: string, token: string) => {
        const envelope = withPlayer(intentRequest(Intent.Help), token) as Envelope & {
          session?: unknown;
        };
        envelope.request = {
          type,
          requestId: 'r',
          timestamp: new Date().toISOString(),
          locale: 'en-US',
        };
        delete envelope.session;
        return envelope;
      };
      const next = await skill(button('PlaybackController.NextCommandIssued', longRead));
      expect(next.response.outputSpeech).toBeUndefined();
      expect(playDirective(next)).toEqual({ type: 'AudioPlayer.Play', token: weather, offset: 0 });
      const previous = await skill(button('PlaybackController.PreviousCommandIssued', longRead));
      // Nothing newer is ready: a button press gets no speech, and the post plays on.
      expect(previous.response).toEqual({});
    });

    it.each([
      ['en-US', 'Playing your post “The long history of Portland bridges” from the beginning.'],
      [
        'de-DE',
        'Ich spiele deinen Beitrag „The long history of Portland bridges“ noch einmal von vorn.',
      ],
    ] as const)('Start over plays the post again from its start (%s)', async (locale, words) => {
      const response = await skill(
        withPlayer(intentRequest(Intent.StartOver, {}, { locale }), longRead, 300_000),
      );
      expect(spoken(response)).toBe(words);
      expect(playDirective(response)).toEqual({
        type: 'AudioPlayer.Play',
        token: longRead,
        offset: 0,
      });
    });

    it.each([
      ['en-US', 'Nothing is playing right now. To hear a post, say: read my latest post.'],
      ['en-GB', 'Nothing is playing right now. To hear a post, say: read my latest post.'],
      [
        'de-DE',
        'Gerade läuft nichts. Wenn du einen Beitrag hören möchtest, sag: lies meinen neuesten Beitrag vor.',
      ],
    ] as const)(
      'Start over and Next with nothing in the player say how to start (%s)',
      async (locale, words) => {
        expect(spoken(await skill(intentRequest(Intent.StartOver, {}, { locale })))).toBe(words);
        expect(spoken(await skill(intentRequest(Intent.Next, {}, { locale })))).toBe(words);
      },
    );

    it('Repeat says the last answer of the conversation again, question included', async () => {
      const first = await skill(intentRequest(Intent.ListPosts, {}, { newSession: false }));
      expect(first.response.shouldEndSession).toBe(false);
      const again = intentRequest(Intent.Repeat, {}, { newSession: false }) as {
        session: { attributes: unknown };
      };
      again.session.attributes = first.sessionAttributes;
      const repeated = await skill(again);
      expect(spoken(repeated)).toBe(spoken(first));
      expect(spoken(repeated)).toMatch(
        /^Your latest posts are .+ What else would you like to know\?$/,
      );
      expect(repeated.response.shouldEndSession).toBe(false);
    });

    it('Repeat plays the post in the player again, and says when there is nothing to repeat', async () => {
      const replay = await skill(withPlayer(intentRequest(Intent.Repeat), weather));
      expect(playDirective(replay)).toEqual({
        type: 'AudioPlayer.Play',
        token: weather,
        offset: 0,
      });
      expect(spoken(await skill(intentRequest(Intent.Repeat)))).toBe(
        "I haven't said anything I could repeat yet.",
      );
      expect(spoken(await skill(intentRequest(Intent.Repeat, {}, { locale: 'de-DE' })))).toBe(
        'Ich habe noch nichts gesagt, was ich wiederholen könnte.',
      );
    });

    it.each([
      [Intent.LoopOn, 'en-US', "I can't loop a post: I play each one once."],
      [Intent.LoopOff, 'en-GB', 'Looping is off: I play each post once.'],
      [
        Intent.ShuffleOn,
        'en-US',
        "I can't shuffle your posts: I play them in order, newest first.",
      ],
      [Intent.ShuffleOff, 'en-GB', 'Shuffle is off: I play your posts in order, newest first.'],
      [
        Intent.LoopOn,
        'de-DE',
        'Einen Beitrag in Schleife spielen kann ich nicht: Ich spiele jeden einmal.',
      ],
      [Intent.LoopOff, 'de-DE', 'Die Wiederholung ist aus: Ich spiele jeden Beitrag einmal.'],
      [
        Intent.ShuffleOn,
        'de-DE',
        'Zufällig abspielen kann ich nicht: Ich spiele deine Beiträge der Reihe nach, den neuesten zuerst.',
      ],
      [
        Intent.ShuffleOff,
        'de-DE',
        'Die Zufallswiedergabe ist aus: Ich spiele deine Beiträge der Reihe nach, den neuesten zuerst.',
      ],
    ] as const)(
      '%s in %s gets an honest answer, and the post plays on',
      async (intent, locale, words) => {
        const response = await skill(withPlayer(intentRequest(intent, {}, { locale }), longRead));
        expect(spoken(response)).toBe(words);
        expect(response.response.directives).toBeUndefined();
        expect(response.response.shouldEndSession).toBe(true);
      },
    );
  });

  /** Spoken words in each locale, heard by the simulated Echo through the generated model. */
  it.each([
    ['en-US', 'read my latest post'],
    ['en-GB', 'play the post about weather in berlin'],
    ['de-DE', 'spiel den Beitrag über Weather in Berlin'],
  ] as const)('plays a completed post in %s from "%s"', async (locale: Locale, phrase) => {
    // The latest post is still PROCESSING; complete it so "latest" has something to play.
    const echo = createLocalEcho({ skill: (envelope) => skill(envelope) });
    const latest = (await posts.list({ limit: 1 })).posts[0]!;
    if (latest.status === 'PROCESSING') {
      await posts.complete(
        latest.postId,
        { audioKey: `posts/${latest.postId}.mp3`, durationSeconds: 12 },
        new Date(),
      );
    }
    const turn = await echo.say(phrase, { locale });
    const response = turn.response!;
    const said = spoken(response);
    expect(said).toMatch(
      locale === 'de-DE' ? /^Hier ist dein Beitrag „.+“\.$/ : /^Here is your post “.+”\.$/,
    );
    expect((response.response.outputSpeech as { ssml: string }).ssml).toContain(
      "<audio src='https://",
    );
  });
});
