import type PDFDocument from 'pdfkit';
import { formatDecimal, formatInteger, formatOreAsSek } from '../../domain/shared/format.js';
import { loadPdfKit } from '../heavy-libraries.js';
import { SUPPRESSED_TEXT, type AnnualReport, type AnnualReportCount } from './annual-report.js';

/** Okabe–Ito, as the web charts (decision 0803). */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];
// The domain's one money and count format (as the web and the workbook), whole kronor: a report
// for a council rounds away öre, and the value's öre come from rounding per step anyway.
const kr = (ore: number) => formatOreAsSek(Math.round(ore / 100) * 100, 'sv');
const n = (v: number | null) => (v === null ? SUPPRESSED_TEXT : formatInteger(v, 'sv'));
/** Full-time months have decimals: `12,5`. */
const decimal = (v: number) => formatDecimal(v, 'sv');

type Doc = InstanceType<typeof PDFDocument>;

function heading(doc: Doc, text: string): void {
  if (doc.y > 680) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#000').text(text).moveDown(0.3).font('Helvetica').fontSize(10);
}

/** Horizontal bars with the value written beside each bar, so colour is never needed to read it. */
function bars(doc: Doc, rows: Array<{ label: string; value: number | null; display: string }>): void {
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.value ?? 0)));
  const left = 50;
  const labelWidth = 170;
  const width = 250;
  for (const [i, r] of rows.entries()) {
    if (doc.y > 760) doc.addPage();
    const y = doc.y;
    doc.fillColor('#000').text(r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label, left, y, { width: labelWidth - 8, lineBreak: false });
    const w = r.value === null ? 0 : (Math.abs(r.value) / max) * width;
    if (r.value === null) doc.rect(left + labelWidth, y, 10, 10).dash(2, { space: 2 }).stroke('#555').undash();
    else doc.rect(left + labelWidth, y, Math.max(w, 1), 10).fill(PALETTE[i % PALETTE.length]!);
    doc.fillColor('#000').text(r.display, left + labelWidth + Math.max(w, 10) + 6, y, { lineBreak: false });
    doc.x = left;
    doc.y = y + 16;
  }
  doc.moveDown(0.5);
}

function table(doc: Doc, headers: string[], rows: string[][], widths: number[]): void {
  const left = 50;
  const line = (cells: string[], bold: boolean) => {
    if (doc.y > 770) doc.addPage();
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    let height = 0;
    cells.forEach((c, i) => {
      doc.text(c, x, y, { width: widths[i]! - 6 });
      height = Math.max(height, doc.y - y);
      x += widths[i]!;
    });
    doc.x = left;
    doc.y = y + height + 3;
  };
  line(headers, true);
  for (const r of rows) line(r, false);
  doc.font('Helvetica').fontSize(10).moveDown(0.5);
}

function counts(doc: Doc, title: string, list: AnnualReportCount[]): void {
  heading(doc, title);
  bars(doc, list.map((c) => ({ label: c.label, value: c.count, display: n(c.count) })));
  table(doc, ['Kategori', 'Antal personer', 'Heltidsmånader'], list.map((c) => [c.label, n(c.count), c.fullTimeMonths === null ? SUPPRESSED_TEXT : decimal(c.fullTimeMonths)]), [250, 120, 120]);
}

/** Still employed after the placement ended, where known: a sentence and the figures as a table. */
function stillEmployed(doc: Doc, r: AnnualReport): void {
  const s = r.stillEmployedAfterEnd;
  heading(doc, 'Fortfarande anställda efter avslutad anställning');
  const share = s.sharePercent === 'none' ? 'ingen andel (ingen känd)' : s.sharePercent === null ? SUPPRESSED_TEXT : `${formatDecimal(s.sharePercent, 'sv')} %`;
  doc.text(
    s.sharePercent === 'none'
      ? `Ingen situation efter avslutad anställning är känd för ${r.year}.`
      : `Av ${n(s.known)} personer vars situation efter anställningen är känd är ${n(s.stillEmployed)} fortfarande anställda (${share}), varav ${n(s.employedBySupplier)} hos leverantören. Varje person räknas en gång, efter sin senaste anställning som slutade under året och det senaste kända svaret.`,
  ).moveDown(0.4);
  table(doc, ['Mått', 'Antal'], [['Personer med känd situation', n(s.known)], ['Fortfarande anställda', n(s.stillEmployed)], ['varav hos leverantören', n(s.employedBySupplier)], ['Andel fortfarande anställda', share]], [300, 120]);
}

/**
 * The annual report for the council's budget follow-up, in Swedish: goal fulfilment over five
 * years, people employed by target group, unit, supplier and industry, the UHM value by actor and
 * the contracts with employment requirements. Counts of 1–4 are suppressed as everywhere else.
 */
export async function renderAnnualReportPdf(r: AnnualReport): Promise<Buffer> {
  const Pdf = await loadPdfKit();
  const doc = new Pdf({ size: 'A4', margin: 50, info: { Title: `Årsrapport sysselsättningskrav ${r.year} – ${r.organisationName}`, Author: 'Hänsyn' }, lang: 'sv-SE', displayTitle: true, pdfVersion: '1.7', tagged: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(20).text(`Årsrapport ${r.year}: social hänsyn och sysselsättningskrav`);
  doc.font('Helvetica').fontSize(12).text(r.organisationName).moveDown(0.3);
  doc.fontSize(9).fillColor('#333').text(`Underlag till budgetuppföljningen. Uppgifter per ${r.asOf}. Antal personer från 1 till 4 redovisas inte ("${SUPPRESSED_TEXT}"); fler celler prickas så att de inte kan räknas fram.`).fillColor('#000').fontSize(10);

  heading(doc, 'Måluppfyllelse');
  const last = r.goalTrend[r.goalTrend.length - 1]!;
  doc.text(last.sharePercent === null ? `Inga tjänsteupphandlingar ${r.year}.` : `${r.year} hade ${Math.round(last.sharePercent)} % av tjänsteupphandlingarna social hänsyn (${last.withSocialConsiderations} av ${last.serviceProcurements}); målet är ${last.goalPercent} %.`).moveDown(0.4);
  bars(doc, r.goalTrend.map((g) => ({ label: String(g.year), value: g.sharePercent === null ? 0 : Math.round(g.sharePercent), display: g.sharePercent === null ? '–' : `${Math.round(g.sharePercent)} % (mål ${g.goalPercent} %)` })));
  table(
    doc,
    ['År', 'Mål', 'Andel', 'Med social hänsyn', 'Tjänsteupphandlingar', 'Anställda', 'Heltidsmånader'],
    r.goalTrend.map((g) => [String(g.year), `${g.goalPercent} %`, g.sharePercent === null ? '–' : `${Math.round(g.sharePercent)} %`, String(g.withSocialConsiderations), String(g.serviceProcurements), n(g.peopleEmployed), g.fullTimeMonths === null ? SUPPRESSED_TEXT : decimal(g.fullTimeMonths)]),
    [50, 50, 55, 90, 100, 70, 80],
  );

  heading(doc, 'Anställningar');
  doc.text(`Anställda personer ${r.year}: ${n(r.peopleTotal)}. Påbörjade anställningar: ${n(r.placements.started)}, avslutade: ${n(r.placements.ended)}, varav fullföljda: ${n(r.placements.completed)}.`);
  stillEmployed(doc, r);
  counts(doc, 'Anställda per målgrupp', r.byTargetGroup);
  counts(doc, 'Anställda per förvaltning och bolag', r.byUnit);
  counts(doc, 'Anställda per leverantör', r.bySupplier);
  counts(doc, 'Anställda per bransch (CPV-huvudgrupp)', r.byCpvDivision);

  heading(doc, 'Samhällsekonomiskt värde');
  doc.text(`Totalt ${kr(r.value.totalOre)} enligt Upphandlingsmyndighetens beräkningsmodell (statiska effekter jämfört med fortsatt arbetslöshet; parametrar för ${r.value.parameterYear}). ${r.value.assumptions}`).moveDown(0.4);
  bars(doc, r.value.actors.map((a) => ({ label: a.label, value: a.ore, display: kr(a.ore) })));

  heading(doc, 'Avtal med sysselsättningskrav');
  table(doc, ['Avtal', 'Upphandling', 'Leverantör', 'Förvaltning', 'Avtalstid', 'Status'], r.contracts.map((c) => [c.referenceNumber, c.procurementTitle, c.supplier, c.unit, `${c.startsOn} – ${c.endsOn}`, c.status]), [70, 120, 90, 80, 85, 50]);
  doc.end();
  return done;
}
