/**
 * The pending changesets (`.changeset/*.md`) parse as changesets do when a release is made
 * (`@changesets/parse`): front matter naming published packages with a bump type, and a
 * summary. A formatter once turned a front matter line into a Markdown heading, which only
 * `pnpm changeset version` would have noticed; Biome now skips these files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import parse from '@changesets/parse';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../.changeset/', import.meta.url));
const PUBLISHED = ['@pi-kit/core', '@pi-kit/react', '@pi-kit/server-adapters', '@pi-kit/simulator'];
const files = readdirSync(dir).filter((name) => name.endsWith('.md') && name !== 'README.md');

describe('pending changesets', () => {
  it.each(files.map((name) => [name]))('%s names published packages with a bump and has a summary', (name) => {
    const changeset = parse(readFileSync(`${dir}${name}`, 'utf8'));
    expect(changeset.releases.length).toBeGreaterThan(0);
    for (const release of changeset.releases) {
      expect(PUBLISHED).toContain(release.name);
      expect(['patch', 'minor', 'major']).toContain(release.type);
    }
    expect(changeset.summary.trim()).not.toBe('');
  });

  it('a front matter line turned into a heading is caught', () => {
    expect(() => parse('---\n\n## "@pi-kit/core": minor\n\nText.\n')).toThrow();
  });
});
