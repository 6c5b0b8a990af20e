// The command line's options, shared by the full CLI and the light entry that answers a repeated tally.
import { parseArgs } from 'node:util';

export const CLI_OPTIONS = {
  json: { type: 'boolean' },
  codebook: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  format: { type: 'string' },
  out: { type: 'string' },
  bom: { type: 'boolean' },
  'max-file-size': { type: 'string' },
  match: { type: 'string' },
  regex: { type: 'string' },
  tags: { type: 'string' },
  'dry-run': { type: 'boolean' },
  preset: { type: 'string' },
  force: { type: 'boolean' },
  rev: { type: 'string', multiple: true },
  'min-kappa': { type: 'string' },
  cache: { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const;

/** Throws on an unknown option, as parseArgs does. */
export function parseCommandLine(argv: string[]) {
  // `--cache` takes an optional folder: bare, it means the default one.
  const args = argv.map((arg) => (arg === '--cache' ? '--cache=' : arg));
  return parseArgs({ args, allowPositionals: true, options: CLI_OPTIONS });
}
