import { Link as AriaLink, type LinkProps as AriaLinkProps } from 'react-aria-components';
import './button.css';

export interface LinkProps extends AriaLinkProps {
  /** Look like a button (for navigation that reads as an action, e.g. "New procurement"). */
  variant?: 'text' | 'primary' | 'secondary';
}

/** A link that navigates inside the app through the router (see app/app-providers.tsx). */
export function Link({ variant = 'text', className, ...props }: LinkProps) {
  const base = variant === 'text' ? 'link' : `button button--${variant}`;
  return <AriaLink {...props} className={[base, typeof className === 'string' ? className : ''].join(' ').trim()} />;
}
