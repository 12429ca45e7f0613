/** The Echo's audio player as requests report it (context.AudioPlayer), kept from the AudioPlayer directives the skill returns. */
import type { Directive, interfaces } from 'ask-sdk-model';

type PlayerState = interfaces.audioplayer.AudioPlayerState;

/**
 * Follows AudioPlayer.Play / Stop / ClearQueue: what plays, since when, from which offset. Nothing
 * is played and no AudioPlayer events are sent; the offset grows with the clock while "playing".
 */
export class AudioPlayerState {
  private token: string | undefined;
  private activity: interfaces.audioplayer.PlayerActivity = 'IDLE';
  private offsetMs = 0;
  private startedAt = 0;

  constructor(private readonly now: () => Date) {}

  /** The state as `context.AudioPlayer` carries it. */
  context(): PlayerState {
    if (this.activity === 'IDLE') return { playerActivity: 'IDLE' };
    return {
      token: this.token,
      offsetInMilliseconds: this.offset(),
      playerActivity: this.activity,
    };
  }

  /** Applies the AudioPlayer directives of a response, in order. */
  follow(directives: readonly Directive[]): void {
    for (const directive of directives) {
      if (directive.type === 'AudioPlayer.Play') {
        const stream = directive.audioItem?.stream;
        // ENQUEUE adds after what plays; only REPLACE_ALL (or the first play) changes what plays now.
        if (!stream || (directive.playBehavior === 'ENQUEUE' && this.activity === 'PLAYING'))
          continue;
        this.token = stream.token;
        this.offsetMs = stream.offsetInMilliseconds;
        this.startedAt = this.now().getTime();
        this.activity = 'PLAYING';
      } else if (
        directive.type === 'AudioPlayer.Stop' ||
        (directive.type === 'AudioPlayer.ClearQueue' && directive.clearBehavior === 'CLEAR_ALL')
      ) {
        if (this.activity !== 'PLAYING') continue;
        this.offsetMs = this.offset();
        this.activity = 'STOPPED';
      }
    }
  }

  private offset(): number {
    return this.activity === 'PLAYING'
      ? this.offsetMs + Math.max(0, this.now().getTime() - this.startedAt)
      : this.offsetMs;
  }
}
