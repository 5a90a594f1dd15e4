/**
 * The source map reading behind `pnpm size:app --breakdown` (bench/size/source-map.ts): VLQ
 * decoding, and each output character attributed to its source, through a package's own map.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMappings, sourceOfEachChar } from '../../bench/size/source-map';

describe('source maps', () => {
  it('decodes mappings into absolute fields; the column restarts each line, the rest runs on', () => {
    // The values @jridgewell/sourcemap-codec gives for the same text.
    expect(decodeMappings('A,ikBAAMgC,EAAmB;AACA;;gBAAgB')).toEqual([
      [[0], [577, 0, 0, 6, 32], [579, 0, 0, 25]],
      [[0, 0, 1, 25]],
      [],
      [[16, 0, 1, 41]],
    ]);
  });

  it("gives each output character its source, following a dist file's own map to src", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pikit-map-'));
    // dist.js (one line, two segments) maps its column 0 to a.ts and column 3 to b.ts.
    writeFileSync(join(dir, 'dist.js'), 'ab;cd;');
    writeFileSync(join(dir, 'dist.js.map'), JSON.stringify({ sources: ['src/a.ts', 'src/b.ts'], mappings: 'AAAA,GCAA' }));
    // The bundle: "xx" unmapped, then four characters from dist.js line 0 column 0, then two from column 3.
    const code = 'xxab;cd;';
    const owners = sourceOfEachChar(code, { sources: ['dist.js', 'app.ts'], mappings: 'A,EAAA,IAAG' }, dir);
    expect(owners).toEqual([null, null, ...Array(4).fill(join(dir, 'src/a.ts')), ...Array(2).fill(join(dir, 'src/b.ts'))]);
  });
});
