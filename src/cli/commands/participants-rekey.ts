import { parseArgs } from 'node:util';
import type { AppConfig } from '../../server/config.js';
import { resolveParticipantKeys } from '../../server/main.js';
import { reencryptIdentities } from '../../server/features/matching/participant-service.js';
import { CliError, withDatabase, type CliIo } from '../cli-io.js';

export const PARTICIPANTS_REKEY_USAGE = `Usage: hansyn participants rekey [--batch N] [--max-batches N]

Key rotation (docs/privacy.md): re-encrypts and re-hashes every participant identity that is not
yet under the active participant key (the first in HANSYN_PARTICIPANT_KEYS, or in the key file of
the embedded database), N identities per transaction (default 500). Older keys must still be in
the keyring. Safe to stop and run again: it continues where it stopped, and does nothing when
every identity is under the active key. --max-batches stops after that many batches (to spread
the work). Each batch is written to the audit trail of the organisations it touched.
`;

/** `hansyn participants rekey`: bulk re-encryption of participant identities under the active key. */
export async function runParticipantsRekey(argv: string[], io: CliIo, config: AppConfig): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(PARTICIPANTS_REKEY_USAGE);
    return 0;
  }
  const { values } = parseArgs({ args: argv, options: { batch: { type: 'string', default: '500' }, 'max-batches': { type: 'string' } }, strict: true });
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new CliError('--batch must be an integer from 1 to 10000.');
  const maxBatches = values['max-batches'] === undefined ? undefined : Number(values['max-batches']);
  if (maxBatches !== undefined && (!Number.isInteger(maxBatches) || maxBatches < 1)) throw new CliError('--max-batches must be a positive integer.');
  const keys = resolveParticipantKeys(config);
  if (keys === null) throw new CliError('No participant key: set HANSYN_PARTICIPANT_KEYS (docs/privacy.md).');
  return withDatabase(config, async ({ db }) => {
    const started = Date.now();
    const result = await reencryptIdentities(db, keys, {
      batchSize,
      ...(maxBatches !== undefined ? { maxBatches } : {}),
      onBatch: (done) => {
        if (io.stderrIsTTY) io.stderr(`\rRe-encrypted ${done}`);
      },
    });
    if (io.stderrIsTTY && result.reencrypted > 0) io.stderr('\n');
    io.stdout(
      `Re-encrypted ${result.reencrypted} identit${result.reencrypted === 1 ? 'y' : 'ies'} under key ${result.keyId} in ${result.batches} batch(es), ${((Date.now() - started) / 1000).toFixed(1)} s; ${result.remaining} still under an older key.\n`,
    );
    return 0;
  });
}
