import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CodeBlock {
  /** A file name for it: `README-1.ts`, `embedding-3.ts`. */
  name: string;
  code: string;
}

/**
 * Every ```ts block of README.md and docs/*.md, as written: they are meant to compile as a consumer's file, imports from
 * `precheck`, `precheck/sandbox`, … included. A block fenced ```ts no-check is an illustration and is left out.
 */
export async function codeBlocks(repo: string): Promise<CodeBlock[]> {
  const pages = ['README.md', ...(await readdir(join(repo, 'docs'))).filter((file) => file.endsWith('.md')).sort().map((file) => join('docs', file))];
  const blocks: CodeBlock[] = [];
  for (const page of pages) {
    const text = await readFile(join(repo, page), 'utf8');
    const stem = page.replace(/^docs\//, '').replace(/\.md$/, '');
    let count = 0;
    for (const match of text.matchAll(/^```ts[ \t]*(\S*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm)) {
      if (match[1] === 'no-check') continue;
      blocks.push({ name: `${stem}-${++count}.ts`, code: match[2]! });
    }
  }
  return blocks;
}
