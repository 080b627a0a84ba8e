/**
 * `npm run bundle [-- --out DIR] [--json]`: the Forge function bundle as `forge deploy` builds it, into
 * .forge-bundle/ (gitignored). Prints the entry files' sizes, or one JSON object with --json.
 */
import { parseArgs } from 'node:util';
import { buildForgeBundle, DEFAULT_BUNDLE_DIR } from './build';

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
  const bundle = await buildForgeBundle({ outDir: values.out ?? DEFAULT_BUNDLE_DIR });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(bundle)}\n`);
    return;
  }
  for (const warning of bundle.warnings) console.error(`warning: ${warning.split('\n')[0]}`);
  console.log(`Forge bundle in ${bundle.dir} (handlers ${bundle.handlers.join(', ')})`);
  for (const entry of bundle.entries) console.log(`  ${entry.file}  ${(entry.bytes / 1024).toFixed(1)} KB (gzip ${(entry.gzipBytes / 1024).toFixed(1)} KB)`);
  console.log(`  npm packages inside: ${bundle.modules.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
