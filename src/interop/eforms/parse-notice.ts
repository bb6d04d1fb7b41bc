import {
  allOf,
  attributeOf,
  childOf,
  childrenOf,
  pathOf,
  readXmlTree,
  textOf,
  type XmlElement,
  type XmlReadOptions,
  type XmlReadResult,
} from './read-xml-tree.js';
import { scanXmlTree } from './scan-xml-tree.js';
import type {
  Contract,
  Lot,
  Money,
  Notice,
  NoticeResults,
  NoticeRoot,
  Organisation,
  ParseError,
  ParseResult,
  Tender,
  Winner,
} from './notice-schema.js';

/**
 * Parses one eForms notice (ContractNotice, ContractAwardNotice or PriorInformationNotice, SDK 1.3
 * and later) into a {@link Notice}. Expected failures (hostile, malformed or incomplete input) are
 * returned as `{ ok: false, error }`; nothing here throws for bad input.
 *
 * XPaths follow SDK 1.15.1 `fields.json`; they are stable across SDK 1.3–1.15 for every field read here.
 */

export interface ParseNoticeOptions {
  /** Largest accepted input in bytes (strings: UTF-16 code units). Default 20 MB. */
  maxBytes?: number;
  /** Deepest accepted element nesting. Default 100 (real notices stay below 20). */
  maxDepth?: number;
  /** Characters of text kept per element (default 100,000; the rest is dropped). */
  maxElementText?: number;
  /** Characters of text kept per notice (default 2,000,000; beyond, `too-much-text`). */
  maxNoticeText?: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 100;

/** Oldest SDK we accept: TED went live with eForms SDK 1.3 (Nov 2022); earlier previews differ. */
const MIN_SDK = { major: 1, minor: 3 } as const;

const ROOT_BY_CANONICAL_NAME: ReadonlyMap<string, NoticeRoot> = new Map([
  ['cn:ContractNotice', 'ContractNotice'],
  ['can:ContractAwardNotice', 'ContractAwardNotice'],
  ['pin:PriorInformationNotice', 'PriorInformationNotice'],
]);

/**
 * Every element the extraction below reads. The reader materialises only these (under the root),
 * which keeps the tree, and garbage collection, small; a test checks this list against the code.
 */
export const READ_ELEMENTS: ReadonlySet<string> = new Set([
  'cac:AdditionalCommodityClassification',
  'cac:ContractExecutionRequirement',
  'cac:ContractingParty',
  'cac:Country',
  'cac:LegalMonetaryTotal',
  'cac:MainCommodityClassification',
  'cac:Party',
  'cac:PartyIdentification',
  'cac:PartyLegalEntity',
  'cac:PartyName',
  'cac:PlannedPeriod',
  'cac:PostalAddress',
  'cac:ProcurementAdditionalType',
  'cac:ProcurementProject',
  'cac:ProcurementProjectLot',
  'cac:RequestedTenderTotal',
  'cac:SpecificTendererRequirement',
  'cac:TendererQualificationRequest',
  'cac:TenderingTerms',
  'cbc:CompanyID',
  'cbc:ContractFolderID',
  'cbc:CustomizationID',
  'cbc:Description',
  'cbc:DurationMeasure',
  'cbc:EstimatedOverallContractAmount',
  'cbc:ExecutionRequirementCode',
  'cbc:ID',
  'cbc:IdentificationCode',
  'cbc:IssueDate',
  'cbc:ItemClassificationCode',
  'cbc:Name',
  'cbc:NoticeLanguageCode',
  'cbc:NoticeTypeCode',
  'cbc:PayableAmount',
  'cbc:ProcurementType',
  'cbc:ProcurementTypeCode',
  'cbc:SubTypeCode',
  'cbc:TenderResultCode',
  'cbc:TendererRequirementTypeCode',
  'cbc:VersionID',
  'efac:Company',
  'efac:ContractReference',
  'efac:LotResult',
  'efac:LotTender',
  'efac:NoticeResult',
  'efac:NoticeSubType',
  'efac:Organization',
  'efac:Organizations',
  'efac:Publication',
  'efac:SettledContract',
  'efac:TenderLot',
  'efac:Tenderer',
  'efac:TenderingParty',
  'efbc:NoticePublicationID',
  'efext:EformsExtension',
  'ext:ExtensionContent',
  'ext:UBLExtension',
  'ext:UBLExtensions',
]);

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function fail(code: ParseError['code'], message: string): ParseResult {
  return { ok: false, error: { code, message } };
}

/** Parses a notice with the single-pass scanner over its UTF-8 bytes (decisions 0901 and 0904). */
export function parseNotice(input: Uint8Array | string, options: ParseNoticeOptions = {}): ParseResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input.length > maxBytes) {
    return fail('input-too-large', `input is ${input.length} bytes; the limit is ${maxBytes}`);
  }
  let rejectedRoot: string | undefined;
  const read = scanXmlTree(input, readOptions(options, (name) => (rejectedRoot = name)));
  return read.ok ? extractNotice(read.root) : readFailure(read, rejectedRoot);
}

function readOptions(options: ParseNoticeOptions, rejected: (name: string) => void): XmlReadOptions {
  return {
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    ...(options.maxElementText === undefined ? {} : { maxElementText: options.maxElementText }),
    ...(options.maxNoticeText === undefined ? {} : { maxDocumentText: options.maxNoticeText }),
    keep: READ_ELEMENTS,
    acceptRoot: (name) => {
      if (ROOT_BY_CANONICAL_NAME.has(name)) return true;
      rejected(name);
      return false;
    },
  };
}

function readFailure(read: Extract<XmlReadResult, { ok: false }>, rejectedRoot: string | undefined): ParseResult {
  if (read.code === 'root-rejected') {
    return fail(
      'unsupported-root',
      `root element ${rejectedRoot ?? read.message} is not ContractNotice, ContractAwardNotice or PriorInformationNotice in its UBL namespace`,
    );
  }
  return fail(read.code, read.message);
}

/**
 * The same with the saxes reader of decision 0101: the reference the scanner is tested against
 * (parse-notice-differential.test.ts) and the benchmark's baseline. Not for production use.
 */
export function parseNoticeWithSaxes(input: Uint8Array | string, options: ParseNoticeOptions = {}): ParseResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input.length > maxBytes) {
    return fail('input-too-large', `input is ${input.length} bytes; the limit is ${maxBytes}`);
  }
  let xml: string;
  if (typeof input === 'string') {
    xml = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    try {
      xml = utf8.decode(input);
    } catch {
      return fail('invalid-encoding', 'input is not valid UTF-8');
    }
  }
  let rejectedRoot: string | undefined;
  const read = readXmlTree(xml, readOptions(options, (name) => (rejectedRoot = name)));
  return read.ok ? extractNotice(read.root) : readFailure(read, rejectedRoot);
}

function extractNotice(rootElement: XmlElement): ParseResult {
  const root = ROOT_BY_CANONICAL_NAME.get(rootElement.name);
  if (root === undefined) return fail('unsupported-root', `unexpected root ${rootElement.name}`);

  const noticeIdElement =
    childrenOf(rootElement, 'cbc:ID').find((id) => attributeOf(id, 'schemeName') === 'notice-id') ??
    childOf(rootElement, 'cbc:ID');
  const noticeId = textOf(noticeIdElement);
  if (noticeId === null) return fail('missing-required-field', 'BT-701 Notice Identifier (cbc:ID) is missing or empty');

  const noticeTypeElement = childOf(rootElement, 'cbc:NoticeTypeCode');
  const noticeType = textOf(noticeTypeElement);
  if (noticeType === null) return fail('missing-required-field', 'BT-02 Notice Type (cbc:NoticeTypeCode) is missing or empty');

  const sdkVersion = textOf(childOf(rootElement, 'cbc:CustomizationID'));
  if (sdkVersion === null) return fail('missing-required-field', 'SDK version (cbc:CustomizationID) is missing or empty');
  const sdk = /^eforms-sdk-(\d+)\.(\d+)/.exec(sdkVersion);
  if (sdk === null) return fail('unsupported-sdk-version', `unrecognised SDK version ${sdkVersion}`);
  const major = Number(sdk[1]);
  const minor = Number(sdk[2]);
  if (major < MIN_SDK.major || (major === MIN_SDK.major && minor < MIN_SDK.minor)) {
    return fail('unsupported-sdk-version', `${sdkVersion} is older than eforms-sdk-1.3`);
  }

  const extension = eformsExtensionOf(rootElement);
  const organisations = indexOrganisations(extension);
  const procedureProject = childOf(rootElement, 'cac:ProcurementProject');
  const noticeResult = childOf(extension, 'efac:NoticeResult');

  const notice: Notice = {
    root,
    noticeId,
    noticeVersion: textOf(childOf(rootElement, 'cbc:VersionID')),
    noticePublicationId: textOf(pathOf(extension, 'efac:Publication', 'efbc:NoticePublicationID')),
    procedureId: textOf(childOf(rootElement, 'cbc:ContractFolderID')),
    noticeType,
    formType: attributeOf(noticeTypeElement, 'listName'),
    noticeSubtype: textOf(pathOf(extension, 'efac:NoticeSubType', 'cbc:SubTypeCode')),
    sdkVersion,
    language: textOf(childOf(rootElement, 'cbc:NoticeLanguageCode')),
    issueDate: calendarDateOf(textOf(childOf(rootElement, 'cbc:IssueDate'))),
    buyers: extractBuyers(rootElement, organisations),
    title: textOf(childOf(procedureProject, 'cbc:Name')),
    description: textOf(childOf(procedureProject, 'cbc:Description')),
    mainCpv: mainCpvOf(procedureProject),
    additionalCpv: additionalCpvOf(procedureProject),
    mainNature: mainNatureOf(procedureProject),
    estimatedValue: moneyOf(pathOf(procedureProject, 'cac:RequestedTenderTotal', 'cbc:EstimatedOverallContractAmount')),
    lots: extractLots(rootElement),
    results: noticeResult === undefined ? null : extractResults(noticeResult, organisations),
  };
  return { ok: true, notice };
}

/** `ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension` of an element. */
function eformsExtensionOf(element: XmlElement | undefined): XmlElement | undefined {
  for (const content of allOf(element, 'ext:UBLExtensions', 'ext:UBLExtension', 'ext:ExtensionContent')) {
    const extension = childOf(content, 'efext:EformsExtension');
    if (extension !== undefined) return extension;
  }
  return undefined;
}

/** `2023-05-26Z`, `2023-05-26+02:00` → `2023-05-26`; anything else → null (never guessed). */
function calendarDateOf(value: string | null): string | null {
  if (value === null) return null;
  const match = /^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?$/.exec(value);
  return match?.[1] ?? null;
}

function moneyOf(element: XmlElement | undefined): Money | null {
  const text = textOf(element);
  const currency = attributeOf(element, 'currencyID');
  if (text === null || currency === null || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  return { amount: Number(text), currency };
}

function isCpv(code: XmlElement): boolean {
  const listName = attributeOf(code, 'listName');
  return listName === null || listName === 'cpv';
}

/** BT-262: `cac:MainCommodityClassification/cbc:ItemClassificationCode`. */
function mainCpvOf(project: XmlElement | undefined): string | null {
  const code = pathOf(project, 'cac:MainCommodityClassification', 'cbc:ItemClassificationCode');
  return code !== undefined && isCpv(code) ? textOf(code) : null;
}

/** BT-263: every `cac:AdditionalCommodityClassification/cbc:ItemClassificationCode`. */
function additionalCpvOf(project: XmlElement | undefined): string[] {
  return textsOf(allOf(project, 'cac:AdditionalCommodityClassification', 'cbc:ItemClassificationCode').filter(isCpv));
}

/** BT-23: `cbc:ProcurementTypeCode[@listName='contract-nature']`. */
function mainNatureOf(project: XmlElement | undefined): string | null {
  const code = childrenOf(project, 'cbc:ProcurementTypeCode').find((element) => {
    const listName = attributeOf(element, 'listName');
    return listName === null || listName === 'contract-nature';
  });
  return textOf(code);
}

function textsOf(elements: readonly XmlElement[]): string[] {
  const texts: string[] = [];
  for (const element of elements) {
    const text = textOf(element);
    if (text !== null) texts.push(text);
  }
  return texts;
}

/** `cac:ProcurementAdditionalType/cbc:ProcurementTypeCode[@listName=…]` codes in document order (BT-06, BT-774, BT-775, BT-805). */
function additionalTypeCodes(project: XmlElement | undefined, listName: string): string[] {
  const codes: string[] = [];
  for (const type of childrenOf(project, 'cac:ProcurementAdditionalType')) {
    const code = childOf(type, 'cbc:ProcurementTypeCode');
    if (attributeOf(code, 'listName') !== listName) continue;
    const text = textOf(code);
    if (text !== null) codes.push(text);
  }
  return codes;
}

/** BT-777: `cac:ProcurementAdditionalType[…listName='strategic-procurement']/cbc:ProcurementType` (first non-empty). */
function strategicProcurementDescriptionOf(project: XmlElement | undefined): string | null {
  for (const type of childrenOf(project, 'cac:ProcurementAdditionalType')) {
    if (attributeOf(childOf(type, 'cbc:ProcurementTypeCode'), 'listName') !== 'strategic-procurement') continue;
    const description = textOf(childOf(type, 'cbc:ProcurementType'));
    if (description !== null) return description;
  }
  return null;
}

function extractLots(rootElement: XmlElement): Lot[] {
  const lots: Lot[] = [];
  for (const lotElement of childrenOf(rootElement, 'cac:ProcurementProjectLot')) {
    const idElement = childOf(lotElement, 'cbc:ID');
    const scheme = attributeOf(idElement, 'schemeName');
    // Lot groups (schemeName LotsGroup) only bundle lots; their lots carry the fields we read.
    const kind = scheme === 'Lot' ? 'lot' : scheme === 'Part' ? 'part' : null;
    if (kind === null) continue;
    const project = childOf(lotElement, 'cac:ProcurementProject');
    const terms = childOf(lotElement, 'cac:TenderingTerms');
    const durationElement = pathOf(project, 'cac:PlannedPeriod', 'cbc:DurationMeasure');
    lots.push({
      kind,
      lotId: textOf(idElement) ?? '',
      title: textOf(childOf(project, 'cbc:Name')),
      description: textOf(childOf(project, 'cbc:Description')),
      mainCpv: mainCpvOf(project),
      additionalCpv: additionalCpvOf(project),
      mainNature: mainNatureOf(project),
      estimatedValue: moneyOf(pathOf(project, 'cac:RequestedTenderTotal', 'cbc:EstimatedOverallContractAmount')),
      duration: durationOf(durationElement),
      strategicProcurement: additionalTypeCodes(project, 'strategic-procurement'),
      strategicProcurementDescription: strategicProcurementDescriptionOf(project),
      socialObjectives: additionalTypeCodes(project, 'social-objective'),
      greenProcurement: additionalTypeCodes(project, 'environmental-impact'),
      gppCriteria: additionalTypeCodes(project, 'gpp-criteria'),
      reservedParticipation: textsOf(
        allOf(terms, 'cac:TendererQualificationRequest', 'cac:SpecificTendererRequirement', 'cbc:TendererRequirementTypeCode').filter(
          (code) => attributeOf(code, 'listName') === 'reserved-procurement',
        ),
      ),
      reservedExecution: textOf(executionRequirementCodes(terms, 'reserved-execution')[0]),
      performanceTerms: performanceTermsOf(terms),
    });
  }
  return lots;
}

function durationOf(element: XmlElement | undefined): Lot['duration'] {
  const text = textOf(element);
  const unit = attributeOf(element, 'unitCode');
  if (text === null || unit === null || !/^\d+(\.\d+)?$/.test(text)) return null;
  return { value: Number(text), unit };
}

function executionRequirementCodes(terms: XmlElement | undefined, listName: string): XmlElement[] {
  return allOf(terms, 'cac:ContractExecutionRequirement', 'cbc:ExecutionRequirementCode').filter(
    (code) => attributeOf(code, 'listName') === listName,
  );
}

/** BT-70: descriptions of `cac:ContractExecutionRequirement[cbc:ExecutionRequirementCode/@listName='conditions']`. */
function performanceTermsOf(terms: XmlElement | undefined): string | null {
  for (const requirement of childrenOf(terms, 'cac:ContractExecutionRequirement')) {
    if (attributeOf(childOf(requirement, 'cbc:ExecutionRequirementCode'), 'listName') !== 'conditions') continue;
    const description = textOf(childOf(requirement, 'cbc:Description'));
    if (description !== null) return description;
  }
  return null;
}

/** `efac:Organizations/efac:Organization/efac:Company` keyed by OPT-200 technical identifier. */
function indexOrganisations(extension: XmlElement | undefined): Map<string, Organisation> {
  const index = new Map<string, Organisation>();
  for (const company of allOf(extension, 'efac:Organizations', 'efac:Organization', 'efac:Company')) {
    const organisationId = textOf(pathOf(company, 'cac:PartyIdentification', 'cbc:ID'));
    if (organisationId === null || index.has(organisationId)) continue;
    const companyId = textOf(pathOf(company, 'cac:PartyLegalEntity', 'cbc:CompanyID'));
    index.set(organisationId, {
      organisationId,
      name: textOf(pathOf(company, 'cac:PartyName', 'cbc:Name')),
      companyId,
      companyIdNormalised: companyId === null ? null : normaliseCompanyId(companyId),
      country: textOf(pathOf(company, 'cac:PostalAddress', 'cac:Country', 'cbc:IdentificationCode')),
    });
  }
  return index;
}

/** BT-501 for matching: `556123-4567` and `5561234567` both become `5561234567`. */
export function normaliseCompanyId(companyId: string): string {
  return companyId.replace(/[^\p{L}\p{N}]/gu, '');
}

function organisationFor(organisationId: string, organisations: ReadonlyMap<string, Organisation>): Organisation {
  return (
    organisations.get(organisationId) ?? { organisationId, name: null, companyId: null, companyIdNormalised: null, country: null }
  );
}

/** OPT-300-Procedure-Buyer: `cac:ContractingParty/cac:Party/cac:PartyIdentification/cbc:ID`. */
function extractBuyers(rootElement: XmlElement, organisations: ReadonlyMap<string, Organisation>): Organisation[] {
  const buyers: Organisation[] = [];
  const seen = new Set<string>();
  for (const id of allOf(rootElement, 'cac:ContractingParty', 'cac:Party', 'cac:PartyIdentification', 'cbc:ID')) {
    const organisationId = textOf(id);
    if (organisationId === null || seen.has(organisationId)) continue;
    seen.add(organisationId);
    buyers.push(organisationFor(organisationId, organisations));
  }
  return buyers;
}

function pushUnique(list: string[], value: string | null): void {
  if (value !== null && !list.includes(value)) list.push(value);
}

function extractResults(noticeResult: XmlElement, organisations: ReadonlyMap<string, Organisation>): NoticeResults {
  // OPT-210 tendering party → OPT-300-Tenderer organisations
  const tenderersByParty = new Map<string, string[]>();
  for (const party of childrenOf(noticeResult, 'efac:TenderingParty')) {
    const partyId = textOf(childOf(party, 'cbc:ID'));
    if (partyId === null) continue;
    tenderersByParty.set(partyId, textsOf(allOf(party, 'efac:Tenderer', 'cbc:ID')));
  }

  const tenders: Tender[] = [];
  const tenderById = new Map<string, Tender>();
  for (const lotTender of childrenOf(noticeResult, 'efac:LotTender')) {
    const tenderId = textOf(childOf(lotTender, 'cbc:ID'));
    if (tenderId === null) continue;
    const tender: Tender = {
      tenderId,
      lotId: textOf(pathOf(lotTender, 'efac:TenderLot', 'cbc:ID')),
      value: moneyOf(pathOf(lotTender, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount')),
      tenderingPartyId: textOf(pathOf(lotTender, 'efac:TenderingParty', 'cbc:ID')),
    };
    tenders.push(tender);
    tenderById.set(tenderId, tender);
  }

  // LotResult: BT-13713 lot, BT-142 winner chosen, OPT-320 tenders, OPT-315 contracts.
  const lotIdsByContract = new Map<string, string[]>();
  const lotIdsByTender = new Map<string, string[]>();
  const winningTenderIds: string[] = [];
  for (const lotResult of childrenOf(noticeResult, 'efac:LotResult')) {
    const lotId = textOf(pathOf(lotResult, 'efac:TenderLot', 'cbc:ID'));
    for (const contractId of textsOf(allOf(lotResult, 'efac:SettledContract', 'cbc:ID'))) {
      const lotIds = lotIdsByContract.get(contractId) ?? [];
      pushUnique(lotIds, lotId);
      lotIdsByContract.set(contractId, lotIds);
    }
    const isWon = textOf(childOf(lotResult, 'cbc:TenderResultCode')) === 'selec-w';
    for (const tenderId of textsOf(allOf(lotResult, 'efac:LotTender', 'cbc:ID'))) {
      const lotIds = lotIdsByTender.get(tenderId) ?? [];
      pushUnique(lotIds, lotId);
      lotIdsByTender.set(tenderId, lotIds);
      if (isWon) pushUnique(winningTenderIds, tenderId);
    }
  }

  const contracts: Contract[] = [];
  for (const settled of childrenOf(noticeResult, 'efac:SettledContract')) {
    const contractId = textOf(childOf(settled, 'cbc:ID'));
    if (contractId === null) continue;
    const tenderIds = textsOf(allOf(settled, 'efac:LotTender', 'cbc:ID'));
    const lotIds: string[] = [];
    for (const tenderId of tenderIds) {
      pushUnique(winningTenderIds, tenderId);
      pushUnique(lotIds, tenderById.get(tenderId)?.lotId ?? null);
    }
    for (const lotId of lotIdsByContract.get(contractId) ?? []) pushUnique(lotIds, lotId);
    contracts.push({
      contractId,
      contractIdentifiers: textsOf(allOf(settled, 'efac:ContractReference', 'cbc:ID')),
      tenderIds,
      lotIds,
    });
  }

  // Winners: tenderers of tenders that a lot result marks as won (selec-w) or a contract settles.
  const winners: Winner[] = [];
  const winnerById = new Map<string, Winner>();
  for (const tenderId of winningTenderIds) {
    const tender = tenderById.get(tenderId);
    if (tender === undefined || tender.tenderingPartyId === null) continue;
    for (const organisationId of tenderersByParty.get(tender.tenderingPartyId) ?? []) {
      let winner = winnerById.get(organisationId);
      if (winner === undefined) {
        winner = { ...organisationFor(organisationId, organisations), lotIds: [] };
        winnerById.set(organisationId, winner);
        winners.push(winner);
      }
      pushUnique(winner.lotIds, tender.lotId);
      for (const lotId of lotIdsByTender.get(tenderId) ?? []) pushUnique(winner.lotIds, lotId);
    }
  }

  return { winners, tenders, contracts };
}
