import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { buildRequirementsAnnex, type RequirementsAnnexInput } from '../../domain/requirements/requirements-annex.js';
import { withXmlSafeText } from '../xml-text.js';

const LANGUAGE_TAGS = { sv: 'sv-SE', en: 'en-GB' } as const;

/**
 * Renders the annex "Särskilda kontraktsvillkor – social hänsyn" ("Special contract conditions –
 * social considerations" in English) as a Word document: organisation, reference number,
 * procurement title, lots concerned, and each requirement's text with its follow-up terms.
 * The text comes from `buildRequirementsAnnex`, so the DOCX and the plain-text version never
 * say different things. Every text is made XML-safe first: a character XML 1.0 forbids, stored
 * before the API refused them, must not make the document unreadable.
 */
export async function renderRequirementsAnnex(unsafeInput: RequirementsAnnexInput): Promise<Buffer> {
  const input = withXmlSafeText(unsafeInput);
  const annex = withXmlSafeText(buildRequirementsAnnex(input));
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(annex.title)] }),
    ...annex.facts.map(
      (fact) =>
        new Paragraph({
          spacing: { after: 60 },
          children: [new TextRun({ text: `${fact.label}: `, bold: true }), new TextRun(fact.value)],
        }),
    ),
    new Paragraph({ spacing: { before: 240, after: 240 }, children: [new TextRun(annex.intro)] }),
  ];
  for (const section of annex.sections) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [new TextRun(section.heading)] }),
      new Paragraph({ keepNext: true, spacing: { after: 120 }, children: [new TextRun({ text: section.appliesTo, italics: true })] }),
      new Paragraph({ spacing: { after: 200 }, children: [new TextRun(section.body)] }),
      new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(section.followUpHeading)] }),
      new Paragraph({ spacing: { after: 240 }, children: [new TextRun(section.followUp)] }),
    );
  }
  const reference = input.procurement.referenceNumber;
  const pageWord = annex.lang === 'sv' ? 'Sida' : 'Page';
  const document = new Document({
    title: annex.title,
    subject: input.procurement.title,
    creator: input.organisationName,
    description: `${annex.title} – ${reference}`,
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22, language: { value: LANGUAGE_TAGS[annex.lang] } } },
      },
    },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ children: [`${reference} · ${pageWord} `, PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 18 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
