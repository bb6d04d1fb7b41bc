import { useTranslation } from 'react-i18next';
import { TextField, type TextFieldProps } from '../../../components/ui/text-field';

/** A date typed as YYYY-MM-DD in a text field with the format as its description (as in the contract forms). */
export function DateField({ description, ...props }: Omit<TextFieldProps, 'type' | 'inputMode' | 'size'>) {
  const { t } = useTranslation();
  return <TextField {...props} inputMode="text" size="medium" autoComplete="off" description={description ? `${description} ${t('matching.form.dateHint')}` : t('matching.form.dateHint')} />;
}
