import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { buildSanctionLetter, type SanctionLetterInput } from '../../domain/follow-up/sanction-letter.js';

const LANGUAGE_TAGS = { sv: 'sv-SE', en: 'en-GB' } as const;

/** A sanction-ladder letter to the supplier as Word, from the text `buildSanctionLetter` gives. */
export async function renderSanctionLetter(input: SanctionLetterInput): Promise<Buffer> {
  const letter = buildSanctionLetter(input);
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(letter.title)] }),
    ...letter.facts.map((f) => new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `${f.label}: `, bold: true }), new TextRun(f.value)] })),
    ...letter.paragraphs.map((text) => new Paragraph({ spacing: { before: 200 }, children: [new TextRun(text)] })),
  ];
  const document = new Document({
    title: letter.title,
    creator: input.organisationName,
    description: `${letter.title} – ${input.contract.referenceNumber}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: LANGUAGE_TAGS[input.lang] } } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
