// dist/cli.js: the command line. A repeated `tally --cache` is answered from its stored result by this small
// bundle alone; everything else loads the full CLI (dist/cli-main.js), whose parser, codebook validation and
// exports take longer to load than such an answer takes in all.
import { answerFromStoredTally } from './storedTally';

// Output piped into a program that stops reading (`| head`) ends the run quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const argv = process.argv.slice(2);
const answered = answerFromStoredTally(argv);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when needed, kept out of this bundle
process.exitCode = answered ?? (require('./cli-main.js') as typeof import('./main')).main(argv);
