import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';

/**
 * The document libraries load on first use rather than at start-up: importing exceljs and pdfkit
 * took ≈0.8 s of a restart (docs/benchmarks.md, "Start-up"), and most processes never write a
 * workbook or a PDF. Node's module cache makes every later call cheap.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  const module = await import('exceljs');
  return module.default;
}

export async function loadPdfKit(): Promise<typeof PDFDocument> {
  const module = await import('pdfkit');
  return module.default;
}
