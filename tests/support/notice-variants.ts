import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';

/**
 * Notices for the import and market tests, derived in memory from the constructed Swedish
 * contract notice (tests/fixtures/eforms/constructed/se-buyer-cn-social.xml).
 */
export const CONSTRUCTED_NOTICE = readFileSync(
  fileURLToPath(new URL('../fixtures/eforms/constructed/se-buyer-cn-social.xml', import.meta.url)),
  'utf8',
);
export const CONSTRUCTED_NOTICE_ID = '5b0f4c2e-6d1a-4b8e-9c3f-2a7d1e0b5c01';
export const CONSTRUCTED_PROCEDURE_ID = '0e7f1c9a-3b2d-4e6f-8a1b-5c4d3e2f1a00';
export const CONSTRUCTED_BUYER_NUMBER = '212000-0142';

const EMPLOYMENT_TEXT = 'Sysselsättningskrav: leverantören ska erbjuda anställning till personer som står långt från arbetsmarknaden.';

export interface VariantOptions {
  noticeId?: string;
  procedureId?: string;
  version?: string;
  title?: string;
  issueDate?: string;
  /** BT-501 as written. */
  buyerNumber?: string;
  buyerName?: string;
  country?: string;
  /** `null` removes the estimated value. */
  value?: { amount: string; currency: string } | null;
  /** false removes every social signal. */
  social?: boolean;
  /** BT-03 listName of the notice type, e.g. `result`. */
  formType?: string;
  /** A second buyer (joint procurement), listed after the first. */
  coBuyer?: { number: string; name: string };
}

/** The constructed notice with some facts changed. */
export function noticeVariant(options: VariantOptions = {}): string {
  let xml = CONSTRUCTED_NOTICE;
  if (options.noticeId) xml = xml.replace(CONSTRUCTED_NOTICE_ID, options.noticeId);
  if (options.procedureId) xml = xml.replace(CONSTRUCTED_PROCEDURE_ID, options.procedureId);
  if (options.version) xml = xml.replace('<cbc:VersionID>01</cbc:VersionID>', `<cbc:VersionID>${options.version}</cbc:VersionID>`);
  if (options.title) xml = xml.replace('Lokalvård i kommunens skolor', options.title);
  if (options.issueDate) xml = xml.replace('<cbc:IssueDate>2025-03-14Z</cbc:IssueDate>', `<cbc:IssueDate>${options.issueDate}Z</cbc:IssueDate>`);
  if (options.buyerNumber) xml = xml.replace(`<cbc:CompanyID>${CONSTRUCTED_BUYER_NUMBER}</cbc:CompanyID>`, `<cbc:CompanyID>${options.buyerNumber}</cbc:CompanyID>`);
  if (options.buyerName) xml = xml.replace('Konstruerade kommunen', options.buyerName);
  if (options.country) xml = xml.replace('listName="country">SWE<', `listName="country">${options.country}<`);
  if (options.value === null) xml = xml.replace(/<cbc:EstimatedOverallContractAmount[^>]*>[^<]*<\/cbc:EstimatedOverallContractAmount>/, '');
  else if (options.value) {
    xml = xml.replace(
      '<cbc:EstimatedOverallContractAmount currencyID="SEK">2500000</cbc:EstimatedOverallContractAmount>',
      `<cbc:EstimatedOverallContractAmount currencyID="${options.value.currency}">${options.value.amount}</cbc:EstimatedOverallContractAmount>`,
    );
  }
  if (options.social === false) {
    xml = xml
      .replaceAll('listName="social-objective"', 'listName="environmental-impact"')
      .replace('listName="reserved-execution">yes<', 'listName="reserved-execution">no<')
      .replace(EMPLOYMENT_TEXT, 'Städning av skolor.');
  }
  if (options.formType) xml = xml.replace('<cbc:NoticeTypeCode listName="competition">cn-social', `<cbc:NoticeTypeCode listName="${options.formType}">cn-social`);
  if (options.coBuyer) {
    // A copy of the first organisation as ORG-0002, and a second contracting party naming it.
    const organisation = /<efac:Organization>[\s\S]*?<\/efac:Organization>/.exec(xml)![0];
    const second = organisation
      .replace(/ORG-0001/g, 'ORG-0002')
      .replace(/TPO-0001/g, 'TPO-0002')
      .replace(/<cbc:Name languageID="SWE">[^<]*<\/cbc:Name>/, `<cbc:Name languageID="SWE">${options.coBuyer.name}</cbc:Name>`)
      .replace(/<cbc:CompanyID>[^<]*<\/cbc:CompanyID>/, `<cbc:CompanyID>${options.coBuyer.number}</cbc:CompanyID>`);
    const party = /<cac:ContractingParty>[\s\S]*?<\/cac:ContractingParty>/.exec(xml)![0];
    xml = xml.replace(organisation, `${organisation}${second}`).replace(party, `${party}${party.replace('ORG-0001', 'ORG-0002')}`);
  }
  return xml;
}

/** A notice with an external entity (XXE): must be refused, never expanded. */
export const XXE_NOTICE = `<?xml version="1.0"?>
<!DOCTYPE ContractNotice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2">&xxe;</ContractNotice>`;

export async function buildTarGz(entries: ReadonlyArray<{ name: string; data: string }>): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => pack.entry({ name: entry.name }, entry.data, (error) => (error ? reject(error) : resolve())));
  }
  pack.finalize();
  await collected;
  return gzipSync(Buffer.concat(chunks));
}

/** A multipart/form-data body with one file field, for `app.inject`. */
export function multipartFile(field: string, filename: string, data: Buffer | string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----hansyn${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(data) ? data : Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
