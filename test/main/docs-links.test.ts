/**
 * Every relative link in README.md and docs/*.md leads somewhere: the file exists and, when the
 * link names a #heading, that heading is in it (anchors as GitHub makes them).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The text outside fenced code blocks and inline code, where links are links. */
const prose = (markdown: string) => markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '``');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Each relative link of a document: [text](target) and ![alt](target), with its anchor apart. */
function linksOf(markdown: string): { target: string; path: string; anchor: string | null }[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map(([, target]) => target!)
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target))
    .map((target) => {
      const [path = '', anchor] = target.split('#');
      return { target, path: decodeURIComponent(path), anchor: anchor === undefined ? null : decodeURIComponent(anchor) };
    });
}

describe('links in the README and docs/', () => {
  it.each(documents)('%s: every relative link and anchor resolves', (document) => {
    const markdown = readFileSync(join(root, document), 'utf8');
    const broken: string[] = [];
    for (const link of linksOf(markdown)) {
      const file = link.path ? resolve(dirname(join(root, document)), link.path) : join(root, document);
      if (!existsSync(file)) {
        broken.push(`${link.target}: no file ${relative(root, file)}`);
      } else if (link.anchor !== null && !anchorsOf(readFileSync(file, 'utf8')).has(link.anchor)) {
        broken.push(`${link.target}: no heading with that anchor in ${relative(root, file)}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('finds the links it checks', () => {
    const readme = linksOf(readFileSync(join(root, 'README.md'), 'utf8'));
    expect(readme.filter((link) => link.anchor)).not.toEqual([]);
    expect(readme.map((link) => link.path)).toContain('docs/architecture.md');
  });

  it('makes anchors as GitHub does', () => {
    const anchors = anchorsOf('# Browser harness: `npm run web`\n## Several calls\n## Several calls\n## Notes (after) the call');
    expect([...anchors]).toEqual(['browser-harness-npm-run-web', 'several-calls', 'several-calls-1', 'notes-after-the-call']);
  });
});
