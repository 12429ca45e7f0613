/** Intent and slot names are spelled once, in domain/names.ts: lambda/ imports them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Intent, Slot, SlotType } from '../../domain/names';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function literalsIn(dir: string, names: ReadonlySet<string>): string[] {
  const offenders: string[] = [];
  for (const file of sourceFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(['"`])([A-Za-z.]+)\1/g)) {
      if (names.has(match[2]!)) offenders.push(`${relative(ROOT, file)}: ${match[0]}`);
    }
  }
  return offenders;
}

it('no intent or slot-type name appears as a string literal in lambda/', () => {
  const names = new Set<string>([...Object.values(Intent), ...Object.values(SlotType)]);
  expect(literalsIn(join(ROOT, 'lambda'), names)).toEqual([]);
});

// Slot names are plain words ("sensor", "station") that the data formats use as field names too,
// so they are checked where slots are read: the skill.
it('no slot name appears as a string literal in the skill', () => {
  expect(literalsIn(join(ROOT, 'lambda', 'skill'), new Set<string>(Object.values(Slot)))).toEqual(
    [],
  );
});
