/** The errors of synthesizing the AWS stack. */
import { PulseError } from '../domain/errors';

/** A custom resource's inline handler outgrew what CloudFormation's ZipFile takes. */
export class InlineHandlerTooLargeError extends PulseError {
  override readonly name = 'InlineHandlerTooLargeError';
}
