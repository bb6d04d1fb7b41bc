import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { isApiError, type RowProblem } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { reportTemplateUrl, useUploadReport, type ReportUploadPreview, type SupplierReportForm } from '../api/supplier-api';

/**
 * A period's report as .xlsx: download the template pre-filled with the known hires, upload it
 * filled in, see what will change, then send it (docs/supplier-portal.md). Every problem of the
 * file is listed with its row and column (and its sheet, when not Rapport); nothing is saved
 * until the file is right. The preview lists the answers of the sheet Efter anställningen too.
 */
export function ReportUploadSection({ form, attestedBy, onSent }: { form: SupplierReportForm; attestedBy: string; onSent: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { id } = form.contract;
  const { sequence } = form.period;
  const upload = useUploadReport(id, sequence);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ReportUploadPreview | null>(null);

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setPreview(null);
    upload.mutate({ file, preview: true }, { onSuccess: (data) => setPreview(data as ReportUploadPreview) });
  };
  const send = () => {
    // The parent hears of the success even when the refetched form has closed this section meanwhile.
    if (file) upload.mutateAsync({ file, preview: false, attestedBy }).then(onSent, () => undefined);
  };
  const error = upload.isError ? upload.error : null;
  const rowProblems = error && isApiError(error) ? error.rowProblems : [];
  // The report upload names the sheet of each problem; the sheet Rapport goes without saying.
  const sheetOf = (p: RowProblem) => ('sheet' in p && typeof p.sheet === 'string' && p.sheet !== 'Rapport' ? p.sheet : '');
  const placeOf = (p: RowProblem) =>
    !p.column ? t('supplierPortal.upload.rowOnly', { row: p.row }) : sheetOf(p) ? t('supplierPortal.upload.sheetRowColumn', { sheet: sheetOf(p), row: p.row, column: p.column }) : t('supplierPortal.upload.rowColumn', { row: p.row, column: p.column });

  return (
    <section aria-labelledby="xlsx-heading" className="section supplier-form">
      <h2 id="xlsx-heading">{t('supplierPortal.upload.title')}</h2>
      <p>{t('supplierPortal.upload.intro')}</p>
      <p>
        <a className="link" href={reportTemplateUrl(id, sequence)} download>
          {t('supplierPortal.upload.template', { sequence })}
        </a>
      </p>
      <form onSubmit={check}>
        <p>
          <label htmlFor="report-file">{t('supplierPortal.upload.file')}</label>
          <br />
          <span id="report-file-hint" className="field__description">
            {t('supplierPortal.upload.fileHint')}
          </span>
          <br />
          <input
            id="report-file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="report-file-hint"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
              upload.reset();
            }}
          />
        </p>
        <Button type="submit" isDisabled={!file} isPending={upload.isPending && upload.variables?.preview === true}>
          {t('supplierPortal.upload.check')}
        </Button>
      </form>
      {error ? (
        <Message tone="error" title={rowProblems.length > 0 ? t('supplierPortal.upload.invalid', { count: rowProblems.length }) : undefined}>
          {rowProblems.length > 0 ? (
            <ul className="supplier-list">
              {rowProblems.map((p, i) => (
                <li key={`${p.row}-${p.column}-${i}`}>
                  {placeOf(p)}{' '}
                  {t(`supplierPortal.upload.codes.${p.code}`, { defaultValue: p.message })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{isApiError(error) ? (error.problem.detail ?? t('supplierPortal.errors.save')) : t('supplierPortal.errors.save')}</p>
          )}
        </Message>
      ) : null}
      {preview ? (
        <div aria-labelledby="xlsx-preview-heading">
          <h3 id="xlsx-preview-heading">{t('supplierPortal.upload.previewTitle')}</h3>
          {preview.noChange ? (
            <p>{t('supplierPortal.upload.noChange', { count: preview.unchanged })}</p>
          ) : (
            <ul className="supplier-list">
              {preview.hires.map((h) => (
                <li key={`h${h.row}`}>
                  {t('supplierPortal.report.hireListed', { ref: h.participantRef, from: formatDate(h.startedOn, lang), extent: h.extentPercent })} {t('supplierPortal.upload.onRow', { row: h.row })}
                </li>
              ))}
              {preview.endings.map((e) => (
                <li key={`e${e.row}`}>
                  {t('supplierPortal.report.endingListed', { ref: e.participantRef, date: formatDate(e.endedOn, lang) })} ({t(`supplierPortal.endReason.${e.endReason}`)}) {t('supplierPortal.upload.onRow', { row: e.row })}
                </li>
              ))}
            </ul>
          )}
          {preview.afterEnd.length > 0 ? (
            <>
              <h4>{t('supplierPortal.upload.afterEndTitle')}</h4>
              <ul className="supplier-list">
                {preview.afterEnd.map((a) => (
                  <li key={`a${a.row}`}>
                    {t('supplierPortal.upload.afterEndListed', { ref: a.participantRef, answer: t(a.status === 'employed_by_supplier' ? 'supplierPortal.report.afterEndYes' : 'supplierPortal.report.afterEndNo'), months: a.monthsAfterEnd })}{' '}
                    {a.keptAnswerOfBuyer ? `${t('supplierPortal.upload.afterEndKept')} ` : ''}
                    {t('supplierPortal.upload.onRow', { row: a.row })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>{t('supplierPortal.upload.attesting', { name: attestedBy })}</p>
          <Button variant="primary" onPress={send} isPending={upload.isPending && upload.variables?.preview === false}>
            {t('supplierPortal.upload.send')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
