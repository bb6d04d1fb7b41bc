import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileTrigger } from 'react-aria-components';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { useAnnounce } from '../../../lib/announcer';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { capabilitiesOf, useSession } from '../../../lib/session';
import { useImportNotices, useImports, type ImportSummary } from '../api/market-api';

const ACCEPTED = ['.xml', '.zip', '.tar.gz', '.tgz'];

/** Importera eForms-annonser: upload TED notices (XML, or a .zip/.tar.gz of them); summary and history. */
export function EformsImportRoute() {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const me = useSession();
  const { canImportNotices } = capabilitiesOf(me);
  const importer = useImportNotices();
  const imports = useImports(canImportNotices);
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const n = (v: number | undefined) => formatNumber(v ?? 0, i18n.language);
  const title = t('eformsImport.title');

  if (!canImportNotices) {
    return (
      <div className="page page--narrow">
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone="info">{t('eformsImport.notAllowed')}</Message>
      </div>
    );
  }

  const run = () => {
    if (!file) return;
    setSummary(null);
    importer.mutate(file, {
      onSuccess: (result) => {
        setSummary(result);
        setFile(null);
        announce(t('eformsImport.done', { read: result.read, stored: result.stored }));
      },
    });
  };

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/market">{t('market.title')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">{t('eformsImport.intro')}</p>

      <section aria-labelledby="upload-heading" className="section card">
        <h2 id="upload-heading">{t('eformsImport.upload')}</h2>
        <p id="upload-hint" className="muted">
          {t('eformsImport.hint')}
        </p>
        <div className="button-row">
          <FileTrigger acceptedFileTypes={ACCEPTED} onSelect={(files) => setFile(files?.[0] ?? null)}>
            <Button aria-describedby="upload-hint">{t('eformsImport.choose')}</Button>
          </FileTrigger>
          <Button variant="primary" onPress={run} isDisabled={!file} isPending={importer.isPending}>
            {t('eformsImport.run')}
          </Button>
        </div>
        <p role="status">{file ? t('eformsImport.chosen', { name: file.name }) : t('eformsImport.noFile')}</p>
        {importer.isError ? <Message tone="error">{describeError(importer.error, t)}</Message> : null}
        {summary ? (
          <section aria-labelledby="summary-heading">
            <h3 id="summary-heading">{t('eformsImport.summary')}</h3>
            <dl className="details">
              {(['read', 'stored', 'updated', 'skipped'] as const).map((key) => (
                <div className="details__item" key={key}>
                  <dt>{t(`eformsImport.counts.${key}`)}</dt>
                  <dd>{n(summary[key])}</dd>
                </div>
              ))}
              <div className="details__item">
                <dt>{t('eformsImport.counts.failed')}</dt>
                <dd>{n(summary.failed.length)}</dd>
              </div>
              {summary.procurements ? (
                <div className="details__item">
                  <dt>{t('eformsImport.counts.procurements')}</dt>
                  <dd>{t('eformsImport.procurements', { created: summary.procurements.created, updated: summary.procurements.updated })}</dd>
                </div>
              ) : null}
            </dl>
            {summary.failed.length > 0 ? <FailureTable failures={summary.failed} caption={t('eformsImport.failures')} /> : null}
            <p>
              <Link href="/market">{t('eformsImport.toMarket')}</Link>
            </p>
          </section>
        ) : null}
      </section>

      <section aria-labelledby="history-heading" className="section">
        <h2 id="history-heading">{t('eformsImport.history')}</h2>
        {imports.isError ? <Message tone="error">{describeError(imports.error, t)}</Message> : null}
        {imports.isPending ? <p role="status">{t('common.loading')}</p> : null}
        {imports.data && imports.data.length === 0 ? <p>{t('eformsImport.noHistory')}</p> : null}
        {imports.data && imports.data.length > 0 ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.tableRegion', { name: t('eformsImport.history') })}>
            <table className="table table--numbers">
              <caption className="visually-hidden">{t('eformsImport.historyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('eformsImport.columns.started')}</th>
                  <th scope="col">{t('eformsImport.columns.source')}</th>
                  <th scope="col">{t('eformsImport.columns.by')}</th>
                  <th scope="col">{t('eformsImport.counts.read')}</th>
                  <th scope="col">{t('eformsImport.counts.stored')}</th>
                  <th scope="col">{t('eformsImport.counts.updated')}</th>
                  <th scope="col">{t('eformsImport.counts.skipped')}</th>
                  <th scope="col">{t('eformsImport.counts.failed')}</th>
                </tr>
              </thead>
              <tbody>
                {imports.data.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">{formatDateTime(item.startedAt, i18n.language)}</th>
                    <td>{item.source}</td>
                    <td>{item.by}</td>
                    <td>{n(item.read)}</td>
                    <td>{n(item.stored)}</td>
                    <td>{n(item.updated)}</td>
                    <td>{n(item.skipped)}</td>
                    <td>{n(item.failed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function FailureTable({ failures, caption }: { failures: Array<{ file: string; error: string }>; caption: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('eformsImport.columns.file')}</th>
            <th scope="col">{t('eformsImport.columns.error')}</th>
          </tr>
        </thead>
        <tbody>
          {failures.map((f) => (
            <tr key={`${f.file}-${f.error}`}>
              <th scope="row" className="code">
                {f.file}
              </th>
              <td>{f.error}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
