import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { Link } from './link';

/**
 * The row that ends every form: the submit button, then Cancel — a button that closes the dialog
 * the form is in (`onCancel`), or a link back to where the user came from (`cancelHref`).
 */
export function FormActions({
  submitLabel,
  isPending,
  variant = 'primary',
  ...cancel
}: { submitLabel: ReactNode; isPending: boolean; variant?: 'primary' | 'danger' } & ({ onCancel: () => void } | { cancelHref: string })) {
  const { t } = useTranslation();
  return (
    <div className="button-row form__actions">
      <Button type="submit" variant={variant} isPending={isPending}>
        {submitLabel}
      </Button>
      {'cancelHref' in cancel ? (
        <Link href={cancel.cancelHref} variant="secondary">
          {t('common.cancel')}
        </Link>
      ) : (
        <Button variant="secondary" onPress={cancel.onCancel}>
          {t('common.cancel')}
        </Button>
      )}
    </div>
  );
}
