/** The commands the documentation shows: every line of every ```sh block of README.md and docs/*.md. */
import fs from 'fs';
import path from 'path';

/** The commands of every ```sh block, trailing comments kept (bash ignores them). */
export function readmeCommands(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    m[1]
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#')),
  );
}

/** README.md, then docs/*.md in name order (paths relative to the repository). */
export function documentationFiles(root: string): string[] {
  const docs = path.join(root, 'docs');
  const pages = fs.existsSync(docs) ? fs.readdirSync(docs).filter((f) => f.endsWith('.md')) : [];
  return ['README.md', ...pages.sort().map((f) => `docs/${f}`)];
}

/** Every command shown in the documentation, each once, in the order the files show them. */
export function documentedCommands(root: string): string[] {
  const all = documentationFiles(root).flatMap((file) => readmeCommands(fs.readFileSync(path.join(root, file), 'utf8')));
  return [...new Set(all)];
}
