import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption of participant identities at rest (decision 0701): AES-256-GCM (authenticated)
 * with a key that is never stored in the database, and HMAC-SHA256 for lookup by identity
 * number. A keyring holds every key still needed to decrypt; the first is the active one that
 * encrypts and hashes. From each 32-byte master key two keys are derived with HKDF-SHA256, one
 * for encryption and one for the lookup hash, so neither use weakens the other.
 */

export interface ParticipantKey {
  /** Short id stored beside every ciphertext and hash, so rotation knows what to re-encrypt. */
  id: string;
  encryptionKey: Buffer;
  lookupKey: Buffer;
}

export interface ParticipantKeyring {
  active: ParticipantKey;
  byId: ReadonlyMap<string, ParticipantKey>;
  /** Where the keys came from: the environment, the key file, or an in-memory key that dies with the process. */
  source: 'environment' | 'file' | 'ephemeral';
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

function deriveKey(id: string, master: Buffer): ParticipantKey {
  if (!KEY_ID.test(id)) throw new Error(`Participant key id ${JSON.stringify(id)} must be 1–32 letters, digits, _ or -.`);
  if (master.length !== 32) throw new Error(`Participant key ${id} must be 32 bytes (base64 of 32 random bytes), got ${master.length}.`);
  return {
    id,
    encryptionKey: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hansyn participant identity encryption', 32)),
    lookupKey: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hansyn participant identity lookup', 32)),
  };
}

/**
 * Parses `id:base64,id:base64,…` (HANSYN_PARTICIPANT_KEYS, or the key file one per line); the
 * first key is the active one. Throws a message naming the problem; never echoes key material.
 */
export function parseKeyring(text: string, source: ParticipantKeyring['source']): ParticipantKeyring {
  const entries = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !s.startsWith('#'));
  if (entries.length === 0) throw new Error('No participant key given.');
  const keys = entries.map((entry) => {
    const colon = entry.indexOf(':');
    if (colon < 1) throw new Error('Each participant key must be written keyId:base64.');
    return deriveKey(entry.slice(0, colon), Buffer.from(entry.slice(colon + 1), 'base64'));
  });
  const byId = new Map(keys.map((k) => [k.id, k]));
  if (byId.size !== keys.length) throw new Error('Participant key ids must be unique.');
  return { active: keys[0]!, byId, source };
}

/** A new master key written as one keyring entry. */
export function newKeyLine(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/** A keyring with one random key that lives only in this process (in-memory databases, tests). */
export function ephemeralKeyring(): ParticipantKeyring {
  return parseKeyring(newKeyLine('ephemeral'), 'ephemeral');
}

export const KEY_FILE_NAME = 'participant-keys';

/**
 * The embedded default (decision 0701): the keyring file beside the database files in the data
 * directory (`<dataDir>/participant-keys`, not inside `<dataDir>/pg`), created with a random key
 * and mode 0600 at first start. A copy of the database files alone then reveals nothing; a
 * backup must take the key file too, or the identities are lost.
 */
export function loadOrCreateKeyFile(dataDir: string): ParticipantKeyring {
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const content = `# Hänsyn participant identity keys (docs/privacy.md). Keep this file secret and back it up with the data.\n${newKeyLine('k1')}\n`;
    try {
      fs.writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseKeyring(fs.readFileSync(file, 'utf8'), 'file');
}

/** AES-256-GCM of `plaintext`, bound to `context` (the participant id) as additional data. */
export function encryptIdentity(keyring: ParticipantKeyring, plaintext: string, context: string): { keyId: string; ciphertext: string } {
  const key = keyring.active;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.encryptionKey, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return { keyId: key.id, ciphertext: ['v1', key.id, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join('.') };
}

/** Decrypts what `encryptIdentity` wrote; throws when the key is unknown or the data or its context was altered. */
export function decryptIdentity(keyring: ParticipantKeyring, ciphertext: string, context: string): string {
  const [version, keyId, iv, tag, data] = ciphertext.split('.');
  if (version !== 'v1' || !keyId || iv === undefined || tag === undefined || data === undefined) throw new Error('Unknown identity ciphertext format.');
  const key = keyring.byId.get(keyId);
  if (!key) throw new Error(`Participant key ${keyId} is not in the keyring.`);
  const decipher = createDecipheriv('aes-256-gcm', key.encryptionKey, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** The keyed hash of a normalised identity number under key `keyId` (the active key by default). */
export function lookupHash(keyring: ParticipantKeyring, normalisedIdentityNumber: string, keyId = keyring.active.id): string {
  const key = keyring.byId.get(keyId);
  if (!key) throw new Error(`Participant key ${keyId} is not in the keyring.`);
  return createHmac('sha256', key.lookupKey).update(normalisedIdentityNumber, 'utf8').digest('base64url');
}

/** A new pseudonymous reference: random, never derived from who the person is. */
export function newParticipantReference(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  let out = 'P-';
  for (const b of randomBytes(10)) out += alphabet[b % 32];
  return out;
}
