import { resolve } from 'node:path';
import { partCircles, partOf, projectImports, type ImportEdge } from '../support/importGraph';

const ROOT = resolve(__dirname, '../..');

/** The domain services: what the ways in ask, and what asks AWS. */
const SERVICES = ['lambda/rollups', 'lambda/devices', 'lambda/posts', 'lambda/alerts'];
/** The ways in: an Alexa request, an MCP call. */
const WAYS_IN = ['lambda/skill', 'lambda/mcp'];
/** What ships or deploys; the rest (local/, test/, bench/) hosts or checks it. */
const isProduction = (part: string) =>
  part.startsWith('lambda/') ||
  ['domain', 'interactionModels', 'ssml', 'infrastructure', 'scripts'].includes(part);

interface Rule {
  readonly says: string;
  readonly from: (part: string) => boolean;
  readonly to: (part: string) => boolean;
}

/** The arrows the house forbids (DESIGN.md, Layout): each with the sentence that says why. */
const FORBIDDEN: readonly Rule[] = [
  {
    says: 'production code never imports the offline stack (local/) it is hosted by',
    from: isProduction,
    to: (part) => part === 'local',
  },
  {
    says: 'production code never imports tests or benchmarks',
    from: isProduction,
    to: (part) => part === 'test' || part === 'bench',
  },
  {
    says: 'ssml/ imports nothing of ours',
    from: (part) => part === 'ssml',
    to: (part) => part !== 'ssml',
  },
  {
    says: 'domain/ imports nothing of ours',
    from: (part) => part === 'domain',
    to: (part) => part !== 'domain',
  },
  {
    says: 'the domain services never import a way in (the skill, the MCP server)',
    from: (part) => SERVICES.includes(part),
    to: (part) => WAYS_IN.includes(part),
  },
  {
    says: 'a way in never imports another: the MCP server shares the services, not the skill',
    from: (part) => WAYS_IN.includes(part),
    to: (part) => WAYS_IN.includes(part),
  },
  {
    says: 'lambda/aws builds SDK clients and imports no domain service or way in',
    from: (part) => part === 'lambda/aws',
    to: (part) => part.startsWith('lambda/') && part !== 'lambda/aws',
  },
  {
    says: 'the Lambdas never import the voice model: names and vocabularies come from domain/',
    from: (part) => part.startsWith('lambda/'),
    to: (part) => part === 'interactionModels',
  },
];

function violations(edges: readonly ImportEdge[]): string[] {
  return FORBIDDEN.flatMap((rule) =>
    edges
      .filter((edge) => edge.fromPart !== edge.toPart)
      .filter((edge) => rule.from(edge.fromPart) && rule.to(edge.toPart))
      .map((edge) => `${edge.from} → ${edge.to}: ${rule.says}`),
  );
}

const edge = (from: string, to: string): ImportEdge => ({
  from,
  to,
  fromPart: partOf(from),
  toPart: partOf(to),
});

describe('the import graph between parts', () => {
  const edges = projectImports(ROOT);

  it('is read from the sources: the skill imports domain/, the stack imports the skill', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual(
      expect.objectContaining({ fromPart: 'lambda/skill', toPart: 'domain' }),
    );
    expect(edges).toContainEqual(
      expect.objectContaining({ fromPart: 'local', toPart: 'lambda/skill' }),
    );
  });

  it('has no circle between any two parts (top-level folders and each lambda/<part>)', () => {
    expect(partCircles(edges)).toEqual([]);
  });

  it('has none of the forbidden arrows', () => {
    expect(violations(edges)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('names lambda/<part> and top-level folders as parts', () => {
    expect(partOf('lambda/skill/topics/players.ts')).toBe('lambda/skill');
    expect(partOf('domain/names.ts')).toBe('domain');
    expect(partOf('local/kinesis/eventSourceMapping/mapping.ts')).toBe('local');
  });

  it('find a circle of three parts and ignore imports within a part', () => {
    const circles = partCircles([
      edge('lambda/rollups/a.ts', 'lambda/aws/b.ts'),
      edge('lambda/aws/b.ts', 'lambda/posts/c.ts'),
      edge('lambda/posts/c.ts', 'lambda/rollups/d.ts'),
      edge('lambda/skill/e.ts', 'lambda/skill/f.ts'),
      edge('lambda/skill/e.ts', 'domain/g.ts'),
    ]);
    expect(circles).toEqual([['lambda/aws', 'lambda/posts', 'lambda/rollups']]);
  });

  it('catch each kind of forbidden arrow', () => {
    const found = violations([
      edge('lambda/skill/a.ts', 'local/b.ts'),
      edge('ssml/a.ts', 'domain/b.ts'),
      edge('domain/a.ts', 'interactionModels/b.ts'),
      edge('lambda/posts/a.ts', 'lambda/skill/b.ts'),
      edge('lambda/mcp/a.ts', 'lambda/skill/b.ts'),
      edge('lambda/aws/a.ts', 'lambda/rollups/b.ts'),
      edge('lambda/devices/a.ts', 'interactionModels/b.ts'),
      edge('local/a.ts', 'lambda/skill/b.ts'),
      edge('lambda/skill/a.ts', 'lambda/rollups/b.ts'),
    ]);
    expect(found.map((line) => line.split(':')[0])).toEqual([
      'lambda/skill/a.ts → local/b.ts',
      'ssml/a.ts → domain/b.ts',
      'domain/a.ts → interactionModels/b.ts',
      'lambda/posts/a.ts → lambda/skill/b.ts',
      'lambda/mcp/a.ts → lambda/skill/b.ts',
      'lambda/aws/a.ts → lambda/rollups/b.ts',
      'lambda/devices/a.ts → interactionModels/b.ts',
    ]);
  });
});
