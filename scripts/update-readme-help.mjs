// Rewrites every `<!-- help: drygate ARGS -->` block in README.md with the current --help output.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const cli = new URL('../bin/drygate.cjs', import.meta.url).pathname;
const readme = new URL('../README.md', import.meta.url).pathname;
const text = readFileSync(readme, 'utf8');
const updated = text.replace(
  /<!-- help: drygate (.*?) -->\n\n?```text\n[\s\S]*?```/g,
  (_, args) => {
    const help = execFileSync(process.execPath, [cli, ...args.split(' ')], { encoding: 'utf8' });
    return `<!-- help: drygate ${args} -->\n\n\`\`\`text\n${help}\`\`\``;
  },
);
writeFileSync(readme, updated);
