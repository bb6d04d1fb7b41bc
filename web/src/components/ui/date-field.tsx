import { useTranslation } from 'react-i18next';
import { TextField, type TextFieldProps } from './text-field';

/**
 * A date typed as YYYY-MM-DD in a plain text field, with the format as its description. Known
 * dates (a start, an end) are quicker to type than to pick, and a text field works the same with
 * every keyboard, screen reader and browser (the native date field's segments do not).
 */
export function DateField({ description, ...props }: Omit<TextFieldProps, 'type' | 'inputMode' | 'size'>) {
  const { t } = useTranslation();
  return <TextField {...props} inputMode="text" size="medium" autoComplete="off" description={description ? `${description} ${t('form.dateHint')}` : t('form.dateHint')} />;
}
