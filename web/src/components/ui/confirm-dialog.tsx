import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { ModalDialog } from './dialog';
import './dialog.css';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  onConfirm: () => void;
  isPending?: boolean;
  variant?: 'primary' | 'danger';
}

/** Asks before an action that cannot easily be undone (status changes, deletes, revokes). */
export function ConfirmDialog({ title, message, confirmLabel, isOpen, onOpenChange, onConfirm, isPending, variant = 'primary' }: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalDialog title={title} isOpen={isOpen} onOpenChange={onOpenChange} role="alertdialog">
      {(close) => (
        <>
          <p>{message}</p>
          <div className="button-row">
            <Button variant={variant} onPress={onConfirm} isPending={isPending}>
              {confirmLabel}
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
