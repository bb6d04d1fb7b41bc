/**
 * The organisation's open results as a DCAT-AP-SE catalogue in RDF/XML, for Sveriges dataportal to
 * harvest (DCAT-AP-SE 3.0.1; Digg's harvesting guide: RDF/XML, absolute IRIs, no blank nodes for
 * the main entities, publisher IRI http://dataportal.se/organisation/SE<orgnr>, licence IRIs
 * written exactly). Every mandatory property of the profile is written:
 * Catalog: dcterms:title, dcterms:description, dcterms:publisher, dcterms:license, dcat:dataset;
 * Dataset: dcterms:title, dcterms:description, dcterms:publisher;
 * Distribution: dcat:accessURL, dcterms:format; Agent: foaf:name, dcterms:type.
 */

export type OpenLicence = 'cc-by-4.0' | 'cc0';

export const LICENCE_URI: Record<OpenLicence, string> = {
  'cc-by-4.0': 'http://creativecommons.org/licenses/by/4.0/',
  cc0: 'http://creativecommons.org/publicdomain/zero/1.0/',
};

export interface CatalogueDistribution {
  id: string;
  title: { sv: string; en: string };
  accessUrl: string;
  downloadUrl?: string;
  mediaType: string;
  conformsTo?: string;
}

export interface CatalogueInput {
  catalogueUri: string;
  datasetUri: string;
  landingPage: string;
  organisation: { name: string; organisationNumber: string; kind: 'municipality' | 'region' | 'company_group' };
  licence: OpenLicence;
  /** ISO date of the latest change in the data. */
  modified: string;
  /** The years the results cover. */
  temporal: { start: string; end: string };
  distributions: readonly CatalogueDistribution[];
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The dataportal's publisher IRI: SE and the ten digits of the organisation number. */
export function publisherUri(organisationNumber: string): string {
  return `http://dataportal.se/organisation/SE${organisationNumber.replace(/\D/g, '')}`;
}

const PUBLISHER_TYPE: Record<CatalogueInput['organisation']['kind'], string> = {
  municipality: 'http://purl.org/adms/publishertype/LocalAuthority',
  region: 'http://purl.org/adms/publishertype/RegionalAuthority',
  company_group: 'http://purl.org/adms/publishertype/LocalAuthority',
};

/** Writes the catalogue. */
export function buildDcatCatalogue(c: CatalogueInput): string {
  const publisher = publisherUri(c.organisation.organisationNumber);
  const licence = LICENCE_URI[c.licence];
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:xsd="http://www.w3.org/2001/XMLSchema#">',
    `  <dcat:Catalog rdf:about="${xml(c.catalogueUri)}">`,
    `    <dcterms:title xml:lang="sv">${xml(`${c.organisation.name}: resultat av sysselsättningskrav`)}</dcterms:title>`,
    `    <dcterms:title xml:lang="en">${xml(`${c.organisation.name}: results of employment requirements`)}</dcterms:title>`,
    `    <dcterms:description xml:lang="sv">${xml(`Öppna data från Hänsyn om ${c.organisation.name}s mål och resultat för social hänsyn och sysselsättningskrav i upphandling.`)}</dcterms:description>`,
    `    <dcterms:description xml:lang="en">${xml(`Open data from Hänsyn on the goals and results of ${c.organisation.name} for social considerations and employment requirements in procurement.`)}</dcterms:description>`,
    `    <dcterms:publisher rdf:resource="${xml(publisher)}"/>`,
    `    <dcterms:license rdf:resource="${xml(licence)}"/>`,
    `    <dcterms:modified rdf:datatype="http://www.w3.org/2001/XMLSchema#date">${xml(c.modified)}</dcterms:modified>`,
    `    <foaf:homepage rdf:resource="${xml(c.landingPage)}"/>`,
    `    <dcat:dataset rdf:resource="${xml(c.datasetUri)}"/>`,
    '  </dcat:Catalog>',
    `  <foaf:Agent rdf:about="${xml(publisher)}">`,
    `    <foaf:name>${xml(c.organisation.name)}</foaf:name>`,
    `    <dcterms:type rdf:resource="${PUBLISHER_TYPE[c.organisation.kind]}"/>`,
    '  </foaf:Agent>',
    `  <dcat:Dataset rdf:about="${xml(c.datasetUri)}">`,
    `    <dcterms:title xml:lang="sv">${xml(`Sysselsättningskrav och social hänsyn – ${c.organisation.name}`)}</dcterms:title>`,
    `    <dcterms:title xml:lang="en">${xml(`Employment requirements and social considerations – ${c.organisation.name}`)}</dcterms:title>`,
    `    <dcterms:description xml:lang="sv">${xml('Måluppfyllelse, antal anställda genom sysselsättningskrav (antal 1–4 prickade), heltidsmånader, samhällsekonomiskt värde enligt Upphandlingsmyndighetens metod och avtal med sysselsättningskrav per år. Inga personuppgifter.')}</dcterms:description>`,
    `    <dcterms:description xml:lang="en">${xml('Goal fulfilment, people employed through employment requirements (counts of 1–4 suppressed), full-time months, socio-economic value by the Swedish procurement agency’s method, and contracts with employment requirements, per year. No personal data.')}</dcterms:description>`,
    `    <dcterms:publisher rdf:resource="${xml(publisher)}"/>`,
    '    <dcat:keyword xml:lang="sv">sysselsättningskrav</dcat:keyword>',
    '    <dcat:keyword xml:lang="sv">social hänsyn</dcat:keyword>',
    '    <dcat:keyword xml:lang="sv">offentlig upphandling</dcat:keyword>',
    '    <dcat:keyword xml:lang="en">employment requirements</dcat:keyword>',
    `    <dcat:landingPage rdf:resource="${xml(c.landingPage)}"/>`,
    '    <dcterms:accessRights rdf:resource="http://publications.europa.eu/resource/authority/access-right/PUBLIC"/>',
    '    <dcterms:accrualPeriodicity rdf:resource="http://publications.europa.eu/resource/authority/frequency/DAILY"/>',
    `    <dcterms:temporal><dcterms:PeriodOfTime rdf:about="${xml(`${c.datasetUri}#period`)}"><dcat:startDate rdf:datatype="http://www.w3.org/2001/XMLSchema#date">${xml(c.temporal.start)}</dcat:startDate><dcat:endDate rdf:datatype="http://www.w3.org/2001/XMLSchema#date">${xml(c.temporal.end)}</dcat:endDate></dcterms:PeriodOfTime></dcterms:temporal>`,
    ...c.distributions.map((d) => `    <dcat:distribution rdf:resource="${xml(d.id)}"/>`),
    '  </dcat:Dataset>',
  ];
  for (const d of c.distributions) {
    lines.push(
      `  <dcat:Distribution rdf:about="${xml(d.id)}">`,
      `    <dcterms:title xml:lang="sv">${xml(d.title.sv)}</dcterms:title>`,
      `    <dcterms:title xml:lang="en">${xml(d.title.en)}</dcterms:title>`,
      `    <dcat:accessURL rdf:resource="${xml(d.accessUrl)}"/>`,
      ...(d.downloadUrl ? [`    <dcat:downloadURL rdf:resource="${xml(d.downloadUrl)}"/>`] : []),
      `    <dcterms:format>${xml(d.mediaType)}</dcterms:format>`,
      `    <dcterms:license rdf:resource="${xml(licence)}"/>`,
      ...(d.conformsTo ? [`    <dcterms:conformsTo rdf:resource="${xml(d.conformsTo)}"/>`] : []),
      '  </dcat:Distribution>',
    );
  }
  lines.push('</rdf:RDF>', '');
  return lines.join('\n');
}
