/** The project's import graph between its parts (top-level folders, and each `lambda/<part>`), read from the sources. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

/** One import of ours: the file that imports, the file it names, and the parts of both. */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
  readonly fromPart: string;
  readonly toPart: string;
}

/** The part a project file belongs to: `lambda/skill`, `domain`, `local`, … */
export function partOf(file: string): string {
  const [top, second] = file.split('/');
  return top === 'lambda' && second !== undefined ? `lambda/${second}` : (top ?? file);
}

/** Every import of one of our own files by another, from the TypeScript the repository tracks. */
export function projectImports(root: string): ImportEdge[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  const edges: ImportEdge[] = [];
  for (const from of files) {
    let text: string;
    try {
      text = readFileSync(join(root, from), 'utf8');
    } catch {
      continue; // tracked but deleted in the working tree
    }
    // Static imports, re-exports, `import()` and `require()` alike.
    const { importedFiles } = ts.preProcessFile(text, true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue; // a package, not ours
      const to = relative(root, normalize(join(root, dirname(from), fileName)));
      edges.push({ from, to, fromPart: partOf(from), toPart: partOf(to) });
    }
  }
  return edges;
}

/** The circles among parts: each strongly connected set of two or more parts (Tarjan). */
export function partCircles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const { fromPart, toPart } of edges) {
    if (fromPart === toPart) continue;
    if (!next.has(fromPart)) next.set(fromPart, new Set());
    next.get(fromPart)!.add(toPart);
    if (!next.has(toPart)) next.set(toPart, new Set());
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let counter = 0;
  const visit = (part: string): void => {
    index.set(part, counter);
    low.set(part, counter);
    counter++;
    stack.push(part);
    onStack.add(part);
    for (const other of next.get(part) ?? []) {
      if (!index.has(other)) {
        visit(other);
        low.set(part, Math.min(low.get(part)!, low.get(other)!));
      } else if (onStack.has(other)) {
        low.set(part, Math.min(low.get(part)!, index.get(other)!));
      }
    }
    if (low.get(part) === index.get(part)) {
      const circle: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        circle.push(member);
      } while (member !== part);
      if (circle.length > 1) circles.push(circle.sort());
    }
  };
  for (const part of [...next.keys()].sort()) if (!index.has(part)) visit(part);
  return circles;
}
