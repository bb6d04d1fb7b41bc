import { runCli } from './run-cli.js';

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (s) => process.stdout.write(s),
  writeStdout: (s) =>
    new Promise<void>((resolve, reject) => {
      process.stdout.write(s, (error) => (error ? reject(error) : resolve()));
    }),
  stderr: (s) => process.stderr.write(s),
  stderrIsTTY: process.stderr.isTTY === true,
  stdin: process.stdin,
});
if (code !== 'serving') process.exit(code);
