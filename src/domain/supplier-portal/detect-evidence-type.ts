/**
 * The evidence types a supplier may upload (an employment contract as PDF or a photo of it) and
 * the most it may weigh. docs/supplier-portal.md, decision 0603.
 */
export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** 10 MB: a scanned contract of a few pages fits; a phone photo fits many times. */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const PDF_EOF = [0x25, 0x25, 0x45, 0x4f, 0x46]; // "%%EOF"
const JPEG = [0xff, 0xd8, 0xff];
const JPEG_END = [0xff, 0xd9];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0x49, 0x45, 0x4e, 0x44]; // "IEND"

function containsNear(bytes: Uint8Array, signature: readonly number[], fromEnd: number): boolean {
  for (let i = Math.max(0, bytes.length - fromEnd); i + signature.length <= bytes.length; i++) if (startsWith(bytes, signature, i)) return true;
  return false;
}

/**
 * The type of a file decided by its content, never by its name or the browser's claim: a PDF
 * starts with `%PDF-` and ends (within its last 1 KiB) with `%%EOF`; a JPEG starts with the SOI
 * marker FF D8 FF and ends with EOI FF D9 (trailing padding allowed); a PNG starts with its
 * 8-byte signature and has an IEND chunk at its end. Anything else — a text file named .pdf, an
 * HTML page, a truncated file — is null.
 */
export function detectEvidenceType(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, PDF_HEADER)) return containsNear(bytes, PDF_EOF, 1024) ? 'application/pdf' : null;
  if (startsWith(bytes, JPEG)) return containsNear(bytes, JPEG_END, 64) ? 'image/jpeg' : null;
  if (startsWith(bytes, PNG)) return containsNear(bytes, PNG_IEND, 64) ? 'image/png' : null;
  return null;
}
