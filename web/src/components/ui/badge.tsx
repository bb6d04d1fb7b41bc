import type { ReactNode } from 'react';
import './badge.css';

export type BadgeTone = 'neutral' | 'positive' | 'negative' | 'attention' | 'info';

/** A small label with text (never colour alone) for a state: recommendation, decision, version. */
export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge--tone-${tone}`}>{children}</span>;
}
