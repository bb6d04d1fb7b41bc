import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';
import './button.css';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

export interface ButtonProps extends AriaButtonProps {
  variant?: ButtonVariant;
  ref?: Ref<HTMLButtonElement>;
}

/**
 * The app's button: react-aria Button (press, keyboard and focus handling) with our look.
 * While `isPending` the button keeps its focus but does nothing and says it is busy; we do
 * not use react-aria's own pending announcement, which points at the button by id and
 * dangles once the page has moved on.
 */
export function Button({ variant = 'secondary', className, isPending, type, onPress, children, ...props }: ButtonProps) {
  const { t } = useTranslation();
  return (
    <AriaButton
      {...props}
      type={isPending ? 'button' : type}
      onPress={isPending ? undefined : onPress}
      aria-disabled={isPending ? true : undefined}
      data-pending={isPending ? true : undefined}
      className={['button', `button--${variant}`, typeof className === 'string' ? className : ''].join(' ').trim()}
    >
      {(renderProps) => (
        <>
          {typeof children === 'function' ? children(renderProps) : children}
          {isPending ? <span className="visually-hidden"> ({t('common.working')})</span> : null}
        </>
      )}
    </AriaButton>
  );
}
