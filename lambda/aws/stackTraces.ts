/**
 * Stack traces of a bundled function that name Pulse's source files and lines, at no cost until a
 * trace is read. Node's `--enable-source-maps` reads and parses a bundle's map, and counts the
 * length of every line of the bundle, while it loads the bundle: 10 to 15 ms of every cold start,
 * for traces most invocations never read. Here the map is read the first time a trace through the
 * bundle is formatted, with Node's own SourceMap (node:module), and each frame is written as Node
 * writes a source-mapped one. scripts/bundle.ts injects `installStackTraces.ts` into every bundle,
 * ahead of the function's own code.
 */
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';

type CallSite = NodeJS.CallSite;
type PrepareStackTrace = (error: Error, sites: CallSite[]) => string;

/** "Error: message" as V8 heads a trace; whatever the thrown value's name and message are. */
function headerOf(error: Error): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return '<error>';
  }
}

/** A source as the map names it ("../../lambda/skill/index.ts"), from the project's root. */
function projectPath(source: string): string {
  return source.replace(/^(?:\.\.\/)+/, '');
}

/**
 * The function's name in the source: the name mapped at the function's start, or else at the
 * caller's call site when the caller is in the same file (as Node does); the bundle's own
 * (minified) name when the map has neither.
 */
function originalName(map: SourceMap, site: CallSite, caller: CallSite | undefined): string {
  const mappedName = (line: number | null, column: number | null) => {
    if (line === null || column === null) return undefined;
    const entry = map.findEntry(line - 1, column - 1);
    return 'name' in entry && typeof entry.name === 'string' && entry.name ? entry.name : undefined;
  };
  const enclosing = mappedName(site.getEnclosingLineNumber(), site.getEnclosingColumnNumber());
  if (enclosing) return enclosing;
  if (caller && caller.getFileName() === site.getFileName()) {
    const called = mappedName(caller.getLineNumber(), caller.getColumnNumber());
    if (called) return called;
  }
  const typeName = site.getTypeName();
  const own = site.getFunctionName() ?? site.getMethodName();
  return `${typeName !== null && typeName !== 'global' ? `${typeName}.` : ''}${own ?? '<anonymous>'}`;
}

/** One frame: mapped to the source when it is in the bundle and the map knows the place. */
function frameOf(
  site: CallSite,
  caller: CallSite | undefined,
  bundle: string,
  map: () => SourceMap | undefined,
): string {
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (site.getFileName() !== bundle || line === null || column === null) return String(site);
  const sourceMap = map();
  const entry = sourceMap?.findEntry(line - 1, column - 1);
  if (!sourceMap || !entry || !('originalSource' in entry)) return String(site);
  const prefix = site.isAsync() ? 'async ' : site.isConstructor() ? 'new ' : '';
  const place = `${projectPath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  return `${prefix}${originalName(sourceMap, site, caller)} (${place})`;
}

/** Formats traces through `bundle` with the map beside it (`<bundle>.map`), read on first need. */
export function sourceMappedStackTraces(bundle: string): PrepareStackTrace {
  let map: SourceMap | null | undefined;
  const mapOnce = () => {
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as SourceMapPayload);
      } catch {
        // No map, or not one: frames stay as the bundle has them.
        map = null;
      }
    }
    return map ?? undefined;
  };
  return (error, sites) => {
    const header = headerOf(error);
    if (sites.length === 0) return header;
    const frames = sites.map((site, i) => {
      try {
        return frameOf(site, sites[i + 1], bundle, mapOnce);
      } catch {
        return String(site);
      }
    });
    return `${header}\n    at ${frames.join('\n    at ')}`;
  };
}
