/** Intent and slot names are spelled once, in interactionModels/names.ts: lambda/ imports them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Intent, Slot, SlotType } from '../../interactionModels/names';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

it('no intent, slot or slot-type name appears as a string literal in lambda/', () => {
  const names = new Set<string>([
    ...Object.values(Intent),
    ...Object.values(Slot),
    ...Object.values(SlotType),
  ]);
  const offenders: string[] = [];
  for (const file of sourceFiles(join(ROOT, 'lambda'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(['"`])([A-Za-z.]+)\1/g)) {
      if (names.has(match[2]!)) offenders.push(`${relative(ROOT, file)}: ${match[0]}`);
    }
  }
  expect(offenders).toEqual([]);
});
