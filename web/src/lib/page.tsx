import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

let isInitialLoad = true;

/**
 * The one h1 of a page. Sets `document.title` and, after in-app navigation, moves focus to
 * the heading so screen-reader and keyboard users start at the new content (WCAG 2.4.3).
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const location = useLocation();

  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    if (isInitialLoad) {
      isInitialLoad = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
