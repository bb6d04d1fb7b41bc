import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileTrigger } from 'react-aria-components';
import { Button } from '../../../components/ui/button';
import { ModalDialog } from '../../../components/ui/dialog';
import { Message } from '../../../components/ui/message';
import { ApiError, type RowProblem } from '../../../lib/api-client';
import { useAnnounce } from '../../../lib/announcer';
import { describeError } from '../../../lib/problems';
import { importTemplateUrl, useImportProcurements } from '../api/procurements-api';
import '../../../components/ui/button.css';
import '../procurements.css';

type Outcome =
  | { kind: 'invalid'; problems: RowProblem[] }
  | { kind: 'checked' }
  | { kind: 'imported'; count: number }
  | { kind: 'failed'; message: string };

export interface ImportDialogProps {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
}

/**
 * Import procurements from a spreadsheet: download the template, choose a file, check it or
 * import it. The server stores nothing unless every row is valid; problems are listed per
 * row and column.
 */
export function ImportDialog({ isOpen, onOpenChange }: ImportDialogProps) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const importer = useImportProcurements();
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = (dryRun: boolean) => {
    if (!file) return;
    setOutcome(null);
    importer.mutate(
      { file, dryRun },
      {
        onSuccess: (result) => {
          const count = result.created;
          setOutcome(dryRun ? { kind: 'checked' } : { kind: 'imported', count });
          if (!dryRun) {
            announce(t('import.imported', { count }));
            setFile(null);
          }
        },
        onError: (error) => {
          if (error instanceof ApiError && error.rowProblems.length > 0) setOutcome({ kind: 'invalid', problems: error.rowProblems });
          else setOutcome({ kind: 'failed', message: describeError(error, t) });
        },
      },
    );
  };

  const close = (open: boolean) => {
    onOpenChange(open);
    if (!open) {
      setFile(null);
      setOutcome(null);
      importer.reset();
    }
  };

  return (
    <ModalDialog title={t('import.title')} isOpen={isOpen} onOpenChange={close} size="large">
      {(closeDialog) => (
        <div className="import">
          <p>{t('import.intro')}</p>
          <h3>{t('import.step1')}</h3>
          <p className="button-row">
            <a className="button button--secondary" href={importTemplateUrl('xlsx')} download>
              {t('import.templateXlsx')}
            </a>
            <a className="button button--secondary" href={importTemplateUrl('csv')} download>
              {t('import.templateCsv')}
            </a>
          </p>
          <h3>{t('import.step2')}</h3>
          <div className="button-row">
            <FileTrigger
              acceptedFileTypes={['.xlsx', '.csv', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']}
              onSelect={(files) => {
                const chosen = files?.[0] ?? null;
                setFile(chosen);
                setOutcome(null);
              }}
            >
              <Button>{t('import.chooseFile')}</Button>
            </FileTrigger>
            <span className="import__file" aria-live="polite">
              {file ? t('import.chosen', { name: file.name }) : t('import.noFile')}
            </span>
          </div>
          <h3>{t('import.step3')}</h3>
          <div className="button-row">
            <Button onPress={() => run(true)} isDisabled={!file} isPending={importer.isPending && importer.variables?.dryRun === true}>
              {t('import.check')}
            </Button>
            <Button variant="primary" onPress={() => run(false)} isDisabled={!file} isPending={importer.isPending && importer.variables?.dryRun === false}>
              {t('import.submit')}
            </Button>
          </div>

          {outcome?.kind === 'failed' ? <Message tone="error">{outcome.message}</Message> : null}
          {outcome?.kind === 'checked' ? <Message tone="success">{t('import.checked')}</Message> : null}
          {outcome?.kind === 'imported' ? <Message tone="success">{t('import.imported', { count: outcome.count })}</Message> : null}
          {outcome?.kind === 'invalid' ? (
            <>
              <Message tone="error" title={t('import.invalidTitle', { count: outcome.problems.length })}>
                {t('import.invalidText')}
              </Message>
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="import-errors-caption">
                <table className="table">
                  <caption id="import-errors-caption">{t('import.errorsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('import.row')}</th>
                      <th scope="col">{t('import.column')}</th>
                      <th scope="col">{t('import.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {outcome.problems.map((p, i) => (
                      <tr key={`${p.row}-${p.column}-${i}`}>
                        <td>{p.row}</td>
                        <td>{p.column}</td>
                        <td>
                          {/* The server's own (English) message is the most specific; Swedish readers get the catalogue's. */}
                          {i18n.language === 'en' ? p.message : t(`import.codes.${p.code}`, { defaultValue: p.message })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}

          <div className="button-row dialog__footer">
            <Button onPress={closeDialog}>{t('common.close')}</Button>
          </div>
        </div>
      )}
    </ModalDialog>
  );
}
