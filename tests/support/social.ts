import yauzl from 'yauzl';
import { expect } from 'vitest';
import type { Session } from './factories.js';

/** Reads every entry of a zip held in memory into a name → text map. */
export function unzip(buffer: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error !== null) return reject(error);
      const files = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError !== null) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The visible text of a DOCX document.xml: its w:t runs, joined. */
export function visibleText(documentXml: string): string {
  return [...documentXml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1] ?? '').join('');
}

export function put(session: Session, url: string, payload: unknown) {
  return session.request({ method: 'PUT', url, payload: payload as object });
}

/** A template of the session's own library by key (the starter set is seeded on first read). */
export async function ownTemplate(session: Session, key: string) {
  const response = await session.get('/api/requirement-templates?scope=own');
  expect(response.statusCode, response.body).toBe(200);
  const template = response.json().items.find((t: { key: string }) => t.key === key);
  expect(template, `no template ${key}`).toBeDefined();
  return template as { id: string; key: string; publishedVersion: { id: string; version: number } | null; latestVersion: { id: string; version: number; status: string } };
}

/** Answers every readiness question of the organisation's policy with yes, as a new policy version. */
export async function answerReadiness(session: Session, answer: 'yes' | 'no' | null = 'yes') {
  const policy = (await session.get('/api/screening-policy')).json();
  const response = await put(session, '/api/screening-policy', {
    ...policy,
    readinessQuestions: policy.readinessQuestions.map((q: object) => ({ ...q, answer })),
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
