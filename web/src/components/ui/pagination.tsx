import { useTranslation } from 'react-i18next';
import { Button } from './button';
import './pagination.css';

export interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
  label: string;
}

/** Previous/next paging with "1–25 of 125" and "page 1 of 5". */
export function Pagination({ page, pageSize, total, onPageChange, label }: PaginationProps) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label={label}>
      <p className="pagination__summary">{t('pagination.showing', { first, last, total })}</p>
      <div className="pagination__controls">
        <Button onPress={() => onPageChange(page - 1)} isDisabled={page <= 1}>
          <span aria-hidden="true">← </span>
          {t('pagination.previous')}
        </Button>
        <span className="pagination__page">{t('pagination.page', { page, pages })}</span>
        <Button onPress={() => onPageChange(page + 1)} isDisabled={page >= pages}>
          {t('pagination.next')}
          <span aria-hidden="true"> →</span>
        </Button>
      </div>
    </nav>
  );
}
