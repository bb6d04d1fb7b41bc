import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { isApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { reportTemplateUrl, useUploadReport, type ReportUploadPreview, type SupplierReportForm } from '../api/supplier-api';

/**
 * A period's report as .xlsx: download the template pre-filled with the known hires, upload it
 * filled in, see what will change, then send it (docs/supplier-portal.md). Every problem of the
 * file is listed with its row and column; nothing is saved until the file is right.
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
                  {p.column ? t('supplierPortal.upload.rowColumn', { row: p.row, column: p.column }) : t('supplierPortal.upload.rowOnly', { row: p.row })}{' '}
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
          <p>{t('supplierPortal.upload.attesting', { name: attestedBy })}</p>
          <Button variant="primary" onPress={send} isPending={upload.isPending && upload.variables?.preview === false}>
            {t('supplierPortal.upload.send')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
