import { XMLParser } from 'fast-xml-parser';

/**
 * A deliberately different route to a few notice fields, used to cross-check `parseNotice`:
 * another XML parser (fast-xml-parser, prefixes stripped instead of resolved) and plain object walking.
 * For trusted test fixtures only (it has none of the parser's safety limits).
 */

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  alwaysCreateTextNode: true,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

function kids(node: Node | undefined, name: string): Node[] {
  const value = node?.[name];
  return Array.isArray(value) ? (value as Node[]) : [];
}

function kid(node: Node | undefined, ...names: string[]): Node | undefined {
  let at = node;
  for (const name of names) at = kids(at, name)[0];
  return at;
}

function text(node: Node | undefined): string | null {
  const value = node?.['#text'];
  if (value === undefined || value === null) return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
}

function attribute(node: Node | undefined, name: string): string | null {
  const value = node?.[`@${name}`];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function codes(nodes: Node[], listName: string): string[] {
  return nodes.filter((code) => attribute(code, 'listName') === listName).flatMap((code) => text(code) ?? []);
}

export interface IndependentNoticeFacts {
  rootLocalName: string;
  noticeId: string | null;
  noticeType: string | null;
  formType: string | null;
  noticeSubtype: string | null;
  sdkVersion: string | null;
  procedureId: string | null;
  mainCpv: string | null;
  buyerOrganisationIds: string[];
  lots: Array<{
    lotId: string | null;
    scheme: string | null;
    mainCpv: string | null;
    strategicProcurement: string[];
    socialObjectives: string[];
    greenProcurement: string[];
    reservedParticipation: string[];
    reservedExecution: string | null;
  }>;
  tenderIds: string[] | null;
  tenderValues: Array<string | null> | null;
  contractIdentifiers: string[][] | null;
}

export function readNoticeIndependently(xml: string): IndependentNoticeFacts {
  const document = parser.parse(xml) as Node;
  const rootLocalName = Object.keys(document).find((key) => key !== '?xml' && !key.startsWith('#')) ?? '';
  const root = kids(document, rootLocalName)[0];
  const extension = kid(root, 'UBLExtensions', 'UBLExtension', 'ExtensionContent', 'EformsExtension');
  const ids = kids(root, 'ID');
  const noticeTypeCode = kid(root, 'NoticeTypeCode');
  const noticeResult = kid(extension, 'NoticeResult');

  return {
    rootLocalName,
    noticeId: text(ids.find((id) => attribute(id, 'schemeName') === 'notice-id') ?? ids[0]),
    noticeType: text(noticeTypeCode),
    formType: attribute(noticeTypeCode, 'listName'),
    noticeSubtype: text(kid(extension, 'NoticeSubType', 'SubTypeCode')),
    sdkVersion: text(kid(root, 'CustomizationID')),
    procedureId: text(kid(root, 'ContractFolderID')),
    mainCpv: text(kid(root, 'ProcurementProject', 'MainCommodityClassification', 'ItemClassificationCode')),
    buyerOrganisationIds: kids(root, 'ContractingParty').flatMap((party) =>
      kids(party, 'Party').flatMap((p) => kids(p, 'PartyIdentification').flatMap((pi) => kids(pi, 'ID').flatMap((id) => text(id) ?? []))),
    ),
    lots: kids(root, 'ProcurementProjectLot')
      .filter((lot) => ['Lot', 'Part'].includes(attribute(kid(lot, 'ID'), 'schemeName') ?? ''))
      .map((lot) => {
        const project = kid(lot, 'ProcurementProject');
        const additionalTypeCodes = kids(project, 'ProcurementAdditionalType').flatMap((type) => kids(type, 'ProcurementTypeCode'));
        const terms = kid(lot, 'TenderingTerms');
        return {
          lotId: text(kid(lot, 'ID')),
          scheme: attribute(kid(lot, 'ID'), 'schemeName'),
          mainCpv: text(kid(project, 'MainCommodityClassification', 'ItemClassificationCode')),
          strategicProcurement: codes(additionalTypeCodes, 'strategic-procurement'),
          socialObjectives: codes(additionalTypeCodes, 'social-objective'),
          greenProcurement: codes(additionalTypeCodes, 'environmental-impact'),
          reservedParticipation: codes(
            kids(terms, 'TendererQualificationRequest').flatMap((request) =>
              kids(request, 'SpecificTendererRequirement').flatMap((requirement) => kids(requirement, 'TendererRequirementTypeCode')),
            ),
            'reserved-procurement',
          ),
          reservedExecution:
            codes(
              kids(terms, 'ContractExecutionRequirement').flatMap((requirement) => kids(requirement, 'ExecutionRequirementCode')),
              'reserved-execution',
            )[0] ?? null,
        };
      }),
    tenderIds: noticeResult === undefined ? null : kids(noticeResult, 'LotTender').flatMap((tender) => text(kid(tender, 'ID')) ?? []),
    tenderValues:
      noticeResult === undefined
        ? null
        : kids(noticeResult, 'LotTender').map((tender) => text(kid(tender, 'LegalMonetaryTotal', 'PayableAmount'))),
    contractIdentifiers:
      noticeResult === undefined
        ? null
        : kids(noticeResult, 'SettledContract').map((contract) =>
            kids(contract, 'ContractReference').flatMap((reference) => text(kid(reference, 'ID')) ?? []),
          ),
  };
}
