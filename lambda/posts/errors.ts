/** The errors of the posts service: a request refused, a stored item or cursor that does not fit, a render that cannot finish. */
import { PulseError } from '../../domain/errors';

/** Why a post cannot be accepted, as the API answers it. */
export class PostRejected extends PulseError {
  override readonly name = 'PostRejected';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A stored item that does not fit the design: a writer bug, never the caller's doing. */
export class CorruptPostError extends PulseError {
  override readonly name = 'CorruptPostError';
}

/** A list cursor this API did not hand out. */
export class InvalidCursorError extends PulseError {
  override readonly name = 'InvalidCursorError';
}

/** The attempt ran out of the function's time: it stops on its own before Lambda kills it. */
export class RenderDeadlineError extends PulseError {
  override readonly name = 'RenderDeadlineError';
}

/** A render no retry can fix (Polly refuses the text, nothing to say): the post fails with this reason. */
export class PermanentRenderError extends PulseError {
  override readonly name = 'PermanentRenderError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A post stored but never announced to the renderer: it is marked FAILED (`AnnounceFailed`) so that it waits for nothing. */
export class AnnounceFailedError extends PulseError {
  override readonly name = 'AnnounceFailedError';

  constructor(
    readonly postId: string,
    options: { cause: unknown },
  ) {
    super(`post ${postId} was stored but could not be queued for rendering`, options);
  }
}
