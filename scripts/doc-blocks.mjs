// The TypeScript code blocks of the docs (README.md, packages/*/README.md, docs/*.md), so that
// they cannot rot. A block's fence says what it is:
//   ```ts / ```tsx                      a complete module: typechecked against the built packages
//   ```ts file=examples/starter/x.ts    a copy of that file: must be identical to it
//   ```ts partial                       deliberately incomplete (a fragment): listed, not checked
//
//   node scripts/doc-blocks.mjs --list           every block and what is done with it
//   node scripts/doc-blocks.mjs --write DIR      writes the complete blocks into DIR (one module
//                                                each, with a tsconfig.json), for `tsc -p DIR`
//   node scripts/doc-blocks.mjs --check-files    exits 1 when a file= block differs from its file
//   node scripts/doc-blocks.mjs --sync-files     rewrites every file= block from its file
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** The Markdown files whose blocks are checked. */
export function docFiles() {
  const files = ['README.md'];
  for (const name of readdirSync(join(root, 'packages'))) {
    if (existsSync(join(root, 'packages', name, 'README.md'))) files.push(`packages/${name}/README.md`);
  }
  for (const name of readdirSync(join(root, 'docs'))) if (name.endsWith('.md')) files.push(`docs/${name}`);
  return files;
}

/** Every ts/tsx block: `{ doc, line, lang, kind: 'module' | 'file' | 'partial', file?, code }`. */
export function docBlocks() {
  const blocks = [];
  for (const doc of docFiles()) {
    const lines = readFileSync(join(root, doc), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = /^(\s*)```(ts|tsx|typescript)\b(.*)$/.exec(lines[i]);
      if (!open) continue;
      const indent = open[1].length;
      const info = open[3].trim();
      const body = [];
      let j = i + 1;
      while (j < lines.length && !/^\s*```\s*$/.test(lines[j])) body.push(lines[j++].slice(indent));
      const file = /(?:^|\s)file=(\S+)/.exec(info)?.[1];
      const kind = file ? 'file' : /(?:^|\s)partial\b/.test(info) ? 'partial' : 'module';
      blocks.push({ doc, line: i + 1, lang: open[2] === 'tsx' ? 'tsx' : 'ts', kind, file, code: `${body.join('\n')}\n` });
      i = j;
    }
  }
  return blocks;
}

const name = (block) => `${block.doc.replace(/[^A-Za-z0-9]+/g, '-')}-L${block.line}.${block.lang === 'tsx' ? 'tsx' : 'ts'}`;

function write(dir) {
  mkdirSync(dir, { recursive: true });
  const modules = docBlocks().filter((block) => block.kind === 'module');
  for (const block of modules) writeFileSync(join(dir, name(block)), `// ${block.doc}:${block.line}\n${block.code}\nexport {};\n`);
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      module: 'ESNext',
      moduleResolution: 'bundler',
      jsx: 'react-jsx',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['*.ts', '*.tsx'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  console.log(`doc-blocks: ${modules.length} complete blocks written to ${dir}`);
}

function checkFiles() {
  let bad = 0;
  for (const block of docBlocks().filter((b) => b.kind === 'file')) {
    const path = join(root, block.file);
    const actual = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (actual !== block.code) {
      bad++;
      console.log(`${block.doc}:${block.line}: differs from ${block.file}${actual === null ? ' (missing)' : ''}`);
    }
  }
  console.log(bad ? `doc-blocks: ${bad} copies differ from their files` : 'doc-blocks: every file= block is its file');
  return bad === 0;
}

function syncFiles() {
  for (const doc of docFiles()) {
    const path = join(root, doc);
    const text = readFileSync(path, 'utf8');
    const synced = text.replace(
      /^```(ts|tsx) file=(\S+)\n[\s\S]*?^```$/gm,
      (_, lang, file) => `\`\`\`${lang} file=${file}\n${readFileSync(join(root, file), 'utf8')}\`\`\``,
    );
    if (synced !== text) {
      writeFileSync(path, synced);
      console.log(`doc-blocks: ${doc} synced`);
    }
  }
}

if (relative(process.argv[1] ?? '', new URL(import.meta.url).pathname) === '') {
  const [flag, arg] = process.argv.slice(2);
  if (flag === '--write' && arg) write(arg);
  else if (flag === '--check-files') process.exit(checkFiles() ? 0 : 1);
  else if (flag === '--sync-files') syncFiles();
  else
    for (const block of docBlocks())
      console.log(`${block.kind.padEnd(7)} ${block.doc}:${block.line}${block.file ? ` = ${block.file}` : ''}`);
}
