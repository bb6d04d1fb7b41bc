import { loadExcelJs } from '../heavy-libraries.js';
import { SUPPRESSED_TEXT, type AnnualReport, type AnnualReportCount } from './annual-report.js';

/** Every figure of the annual report as a workbook: one sheet per table, numbers as number cells. */
export async function writeAnnualReportXlsx(r: AnnualReport): Promise<Buffer> {
  const Excel = await loadExcelJs();
  const book = new Excel.Workbook();
  book.creator = 'Hänsyn';
  const sheet = (name: string, headers: string[], rows: Array<Array<string | number | null>>) => {
    const s = book.addWorksheet(name);
    s.addRow(headers).font = { bold: true };
    for (const row of rows) s.addRow(row.map((v) => (v === null ? SUPPRESSED_TEXT : v)));
    s.columns.forEach((c) => {
      c.width = 22;
    });
  };
  sheet('Måluppfyllelse', ['År', 'Mål (%)', 'Andel (%)', 'Med social hänsyn', 'Tjänsteupphandlingar', 'Anställda', 'Heltidsmånader'], r.goalTrend.map((g) => [g.year, g.goalPercent, g.sharePercent === null ? null : Math.round(g.sharePercent * 10) / 10, g.withSocialConsiderations, g.serviceProcurements, g.peopleEmployed, g.fullTimeMonths]));
  const still = r.stillEmployedAfterEnd;
  sheet('Anställningar', ['Mått', 'Antal'], [
    ['Anställda personer', r.peopleTotal],
    ['Påbörjade anställningar', r.placements.started],
    ['Avslutade anställningar', r.placements.ended],
    ['Fullföljda anställningar', r.placements.completed],
    ['Personer med känd situation efter avslutad anställning', still.known],
    ['Fortfarande anställda efter avslutad anställning', still.stillEmployed],
    ['varav hos leverantören', still.employedBySupplier],
    ['Andel fortfarande anställda av de kända (%)', still.sharePercent === 'none' ? 'ingen känd' : still.sharePercent],
  ]);
  const counts = (name: string, list: AnnualReportCount[]) => sheet(name, ['Kategori', 'Antal personer', 'Heltidsmånader'], list.map((c) => [c.label, c.count, c.fullTimeMonths]));
  counts('Per målgrupp', r.byTargetGroup);
  counts('Per förvaltning', r.byUnit);
  counts('Per leverantör', r.bySupplier);
  counts('Per bransch', r.byCpvDivision);
  sheet('Värde', ['Aktör', 'Belopp (kr)'], [...r.value.actors.map((a) => [a.label, Math.round(a.ore / 100)]), ['Totalt', Math.round(r.value.totalOre / 100)], [`Parametrar för ${r.value.parameterYear}`, ''], [r.value.assumptions, '']]);
  sheet('Avtal', ['Avtal', 'Upphandling', 'Leverantör', 'Förvaltning', 'Start', 'Slut', 'Status'], r.contracts.map((c) => [c.referenceNumber, c.procurementTitle, c.supplier, c.unit, c.startsOn, c.endsOn, c.status]));
  return Buffer.from(await book.xlsx.writeBuffer());
}
