import type { ReactNode } from 'react';
import './message.css';

export interface MessageProps {
  tone: 'error' | 'success' | 'info' | 'warning';
  children: ReactNode;
  title?: string;
  /** Errors interrupt (role=alert); others are polite status messages. */
  live?: boolean;
  id?: string;
}

/** A boxed message. Errors are announced at once; others politely when `live`. */
export function Message({ tone, children, title, live = true, id }: MessageProps) {
  const role = live ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={`message message--${tone}`} role={role} id={id}>
      {title ? <p className="message__title">{title}</p> : null}
      <div className="message__body">{children}</div>
    </div>
  );
}
