/**
 * Which source file each byte of a bundle comes from, read from the bundle's source map: each
 * character of the output belongs to the source of the mapping segment it follows. When that
 * source is itself a build output with a map of its own next to it (a package's `dist/*.js` and
 * `dist/*.js.map`), the position is followed through that map too, down to the package's `src/`.
 *
 * Source map format: https://tc39.es/ecma426/ (mappings: base64 VLQ, `;` between lines, `,`
 * between segments; fields relative to the previous segment's).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The parts of a source map this module reads. */
export interface SourceMapLike {
  sources: string[];
  mappings: string;
}

/** One segment: `[generatedColumn]` or `[generatedColumn, source, line, column, name?]`, absolute values. */
export type Segment = number[];

const BASE64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((char, index) => [char, index]));

/** Decodes a source map's `mappings` into segments per generated line, every field absolute. */
export function decodeMappings(mappings: string): Segment[][] {
  // Generated column restarts at each line; source, line, column and name run on across lines.
  const state = [0, 0, 0, 0, 0];
  return mappings.split(';').map((line) => {
    state[0] = 0;
    return line
      .split(',')
      .filter((segment) => segment !== '')
      .map((segment) => {
        const fields: number[] = [];
        let value = 0;
        let shift = 0;
        for (const char of segment) {
          const digit = BASE64.get(char);
          if (digit === undefined) throw new Error(`not base64 VLQ: ${segment}`);
          value += (digit & 31) * 2 ** shift;
          if (digit & 32) shift += 5;
          else {
            fields.push(value % 2 ? -(value - 1) / 2 : value / 2);
            value = 0;
            shift = 0;
          }
        }
        return fields.map((delta, i) => (state[i]! += delta));
      });
  });
}

interface LoadedMap {
  sources: string[];
  lines: Segment[][];
}

/**
 * The source file of every character of `code` (absolute paths; `null` where no mapping covers
 * it, e.g. the bundler's own helpers). `map`'s sources are relative to `mapDir`.
 */
export function sourceOfEachChar(code: string, map: SourceMapLike, mapDir: string): Array<string | null> {
  const nested = new Map<string, LoadedMap | null>();
  /** The original source of `line`:`column` in `file`, through `file`'s own map when it has one. */
  const original = (file: string, line: number, column: number): string => {
    if (!nested.has(file)) {
      const mapFile = `${file}.map`;
      const inner = existsSync(mapFile) ? (JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapLike) : null;
      nested.set(file, inner && { sources: inner.sources.map((s) => resolve(dirname(file), s)), lines: decodeMappings(inner.mappings) });
    }
    const inner = nested.get(file);
    if (!inner) return file;
    let found: Segment | undefined;
    for (const segment of inner.lines[line] ?? []) {
      if (segment[0]! > column) break;
      found = segment;
    }
    return found && found.length > 1 ? inner.sources[found[1]!]! : file;
  };

  const sources = map.sources.map((s) => resolve(mapDir, s));
  const owners = new Array<string | null>(code.length).fill(null);
  const lines = decodeMappings(map.mappings);
  let offset = 0;
  for (const [index, text] of code.split('\n').entries()) {
    const segments = lines[index] ?? [];
    for (const [i, segment] of segments.entries()) {
      const end = segments[i + 1]?.[0] ?? text.length;
      const owner = segment.length > 1 ? original(sources[segment[1]!]!, segment[2]!, segment[3]!) : null;
      owners.fill(owner, offset + segment[0]!, offset + end);
    }
    offset += text.length + 1;
  }
  return owners;
}
