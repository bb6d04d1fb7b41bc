import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { CheckboxGroupField } from '../../../components/ui/checkbox-group-field';
import { ModalDialog } from '../../../components/ui/dialog';
import { Message } from '../../../components/ui/message';
import { useAnnounce } from '../../../lib/announcer';
import { useEraseParticipant } from '../api/matching-api';
import { describeMatchingError } from './matching-problems';

/**
 * Erasure on request (GDPR art. 17). It cannot be undone, so the dialog says what goes and what
 * stays and asks the officer to confirm that the person asked for it before the button works.
 */
export function EraseParticipantDialog({ participantId, name, reference, isOpen, onOpenChange }: { participantId: string; name: string; reference: string; isOpen: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const erase = useEraseParticipant(participantId);
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const isConfirmed = confirmed.includes('confirmed');
  return (
    <ModalDialog title={t('matching.erase.title', { name })} isOpen={isOpen} onOpenChange={onOpenChange} role="alertdialog" isDismissable={false}>
      {(close) => (
        <>
          {error ? <Message tone="error">{error}</Message> : null}
          <p>{t('matching.erase.removed')}</p>
          <p>{t('matching.erase.kept', { reference })}</p>
          <p>
            <strong>{t('matching.erase.final')}</strong>
          </p>
          <CheckboxGroupField
            label={t('matching.erase.confirmLabel')}
            name="confirmed"
            options={[{ id: 'confirmed', label: t('matching.erase.confirmOption', { name }) }]}
            value={confirmed}
            onChange={setConfirmed}
            isRequired
            errorMessage={tried && !isConfirmed ? t('matching.erase.confirmMissing') : undefined}
          />
          <div className="button-row">
            <Button
              variant="danger"
              isPending={erase.isPending}
              onPress={() => {
                setTried(true);
                if (!isConfirmed) return;
                erase.mutate(undefined, {
                  onSuccess: () => {
                    announce(t('matching.erase.done', { reference }));
                    close();
                    // The button that opened the dialog is gone with the identity: start again at the page's heading.
                    window.setTimeout(() => document.querySelector<HTMLElement>('h1')?.focus(), 0);
                  },
                  onError: (e) => setError(describeMatchingError(e, t)),
                });
              }}
            >
              {t('matching.erase.submit')}
            </Button>
            <Button variant="secondary" onPress={close}>
              {t('common.cancel')}
            </Button>
          </div>
        </>
      )}
    </ModalDialog>
  );
}
