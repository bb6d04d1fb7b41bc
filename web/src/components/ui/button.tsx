import type { Ref } from 'react';
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

export interface ButtonProps extends AriaButtonProps {
  variant?: ButtonVariant;
  ref?: Ref<HTMLButtonElement>;
}

/** The app's button: react-aria Button (press, keyboard and focus handling) with our look. */
export function Button({ variant = 'secondary', className, ...props }: ButtonProps) {
  return <AriaButton {...props} className={['button', `button--${variant}`, typeof className === 'string' ? className : ''].join(' ').trim()} />;
}
