/**
 * The local SNS's deliveries and dead letters on disk, one JSON file each, written before Publish
 * answers and replaced atomically as they progress: a crash of the whole stack (kill -9) loses no
 * delivery SNS accepted, as SNS and Lambda's asynchronous invocation queue keep them on AWS.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { DeadLetter, DeliveryRecord } from './delivery';
import { SnsStateFileError } from './errors';

/** A delivery as it is kept on disk: errors as their name and message only. */
export type JournaledDelivery = Omit<DeliveryRecord, 'errors'> & {
  errors: { name: string; message: string }[];
  /** When a delivery waiting to retry is due, epoch milliseconds. */
  nextAttemptAt?: number;
};

const journaledDelivery = z.object({
  messageId: z.string(),
  topicArn: z.string(),
  subscriptionArn: z.string(),
  functionArn: z.string(),
  copy: z.union([z.literal(1), z.literal(2)]),
  requestId: z.string().uuid(),
  event: z.object({ Records: z.array(z.unknown()) }).loose(),
  status: z.string(),
  attempts: z.number().int().nonnegative(),
  errors: z.array(z.object({ name: z.string(), message: z.string() })),
  nextAttemptAt: z.number().optional(),
});

const deadLetter = z
  .object({
    version: z.literal('1.0'),
    requestContext: z.object({ requestId: z.string().uuid() }).loose(),
  })
  .loose();

const REQUEST_ID = /^[0-9a-f-]{36}\.json$/;

export class DeliveryJournal {
  private readonly deliveries: string;
  private readonly deadLetters: string;

  constructor(directory: string) {
    this.deliveries = join(directory, 'deliveries');
    this.deadLetters = join(directory, 'dead-letters');
    mkdirSync(this.deliveries, { recursive: true });
    mkdirSync(this.deadLetters, { recursive: true });
  }

  saveDelivery(delivery: JournaledDelivery): void {
    writeAtomically(join(this.deliveries, `${delivery.requestId}.json`), delivery);
  }

  removeDelivery(requestId: string): void {
    rmSync(join(this.deliveries, `${requestId}.json`), { force: true });
  }

  /** Deliveries that had not settled when the stack last stopped, oldest first. */
  pendingDeliveries(): JournaledDelivery[] {
    return readAll(this.deliveries, (json) => journaledDelivery.parse(json) as JournaledDelivery);
  }

  saveDeadLetter(letter: DeadLetter): void {
    writeAtomically(join(this.deadLetters, `${letter.requestContext.requestId}.json`), letter);
  }

  removeDeadLetter(requestId: string): void {
    rmSync(join(this.deadLetters, `${requestId}.json`), { force: true });
  }

  /** Dead letters not yet taken by their consumer, oldest first. */
  pendingDeadLetters(): DeadLetter[] {
    return readAll(this.deadLetters, (json) => deadLetter.parse(json) as unknown as DeadLetter);
  }
}

/** A temporary file renamed over the old one: a crash leaves the old or the new file, never half of one. */
function writeAtomically(file: string, content: unknown): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(content));
  renameSync(temporary, file);
}

function readAll<T>(directory: string, parse: (json: unknown) => T): T[] {
  if (!existsSync(directory)) return [];
  const entries = readdirSync(directory, { withFileTypes: true }).filter((entry) => entry.isFile());
  // A write cut short by a crash left its temporary file; the file it was replacing is intact.
  for (const entry of entries.filter((e) => e.name.endsWith('.tmp')))
    rmSync(join(directory, entry.name), { force: true });
  const files = entries
    .filter((entry) => REQUEST_ID.test(entry.name))
    .map((entry) => join(directory, entry.name))
    .map((file) => ({ file, modified: statSync(file).mtimeMs }))
    .sort((a, b) => a.modified - b.modified)
    .map(({ file }) => file);
  const read = files.map((file) => {
    try {
      return { file, value: parse(JSON.parse(readFileSync(file, 'utf8'))) };
    } catch (error) {
      // Dropping it would lose a delivery silently; starting would then hide the damage.
      throw new SnsStateFileError(`Cannot read ${file}: move it aside to start without it`, {
        cause: error,
      });
    }
  });
  return read.map(({ value }) => value);
}
