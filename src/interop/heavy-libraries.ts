/**
 * The document libraries load on first use rather than at start-up: importing exceljs and pdfkit
 * took ≈0.8 s of a restart (docs/benchmarks.md, "Start-up"), and most processes never write a
 * workbook or a PDF. Node's module cache makes every later call cheap.
 */
import type ExcelJs from 'exceljs';
import type PdfKit from 'pdfkit';

export async function loadExcelJs(): Promise<typeof ExcelJs> {
  const module = await import('exceljs');
  return module.default;
}

export async function loadPdfKit(): Promise<typeof PdfKit> {
  const module = await import('pdfkit');
  return module.default;
}
