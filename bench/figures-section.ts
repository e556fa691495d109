import { readFileSync, writeFileSync } from 'node:fs';

/** Replaces the body of `heading` in a doc page (up to the next `## ` heading or the end) with `lines`. */
export function writeFiguresSection(file: string, lines: string[], heading = '## Figures'): void {
  const page = readFileSync(file, 'utf8');
  const start = page.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`${file} has no "${heading}" section`);
  const bodyStart = start + `\n${heading}\n`.length;
  const next = page.indexOf('\n## ', bodyStart);
  const rest = next === -1 ? '' : page.slice(next);
  writeFileSync(file, `${page.slice(0, bodyStart)}\n${lines.join('\n')}\n${rest}`);
}
