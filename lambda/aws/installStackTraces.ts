/**
 * Injected by scripts/bundle.ts into every Lambda bundle, ahead of the function's code: traces
 * through the bundle name Pulse's files and lines (see stackTraces.ts), unless Node already maps
 * them (--enable-source-maps). It runs before any package in the bundle; Node's own formatter
 * (Node 20 shows it as Error.prepareStackTrace) is the one it replaces.
 */
import { sourceMappedStackTraces } from './stackTraces';

if (!process.sourceMapsEnabled) {
  Error.prepareStackTrace = sourceMappedStackTraces(__filename);
}
