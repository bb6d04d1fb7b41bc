import { useTranslation } from 'react-i18next';
import { Cell, Column, Row, Table, TableBody, TableHeader, type SortDescriptor } from 'react-aria-components';
import { Link } from '../../../components/ui/link';
import { formatDate, formatSek } from '../../../lib/format';
import { labelOf } from '../../../lib/reference-data';
import type { ProcurementListItem } from '../api/procurements-api';
import { DecisionBadge, ScreeningBadge, StatusBadge } from './status-badge';
import '../procurements.css';

export interface ProcurementTableProps {
  items: ProcurementListItem[];
  sort: string;
  onSortChange: (sort: string) => void;
  isLoading: boolean;
  label: string;
}

const toDescriptor = (sort: string): SortDescriptor => ({
  column: sort.replace(/^-/, ''),
  direction: sort.startsWith('-') ? 'descending' : 'ascending',
});

/** The register table; column headers sort on the server and expose `aria-sort`. */
export function ProcurementTable({ items, sort, onSortChange, isLoading, label }: ProcurementTableProps) {
  const { t, i18n } = useTranslation();
  const header = (id: string, text: string, sortable = true) => (
    <Column id={id} allowsSorting={sortable} isRowHeader={id === 'title'} className="table__column">
      {({ allowsSorting, sortDirection }) => (
        <span className="table__column-label">
          {text}
          {allowsSorting ? (
            <span aria-hidden="true" className="sort-indicator">
              {sortDirection === 'ascending' ? '▲' : sortDirection === 'descending' ? '▼' : '↕'}
            </span>
          ) : null}
        </span>
      )}
    </Column>
  );
  return (
    <div className="table-scroll">
      <Table
        aria-label={label}
        className="table table--register"
        sortDescriptor={toDescriptor(sort)}
        onSortChange={(d) => onSortChange(`${d.direction === 'descending' ? '-' : ''}${String(d.column)}`)}
        aria-busy={isLoading}
      >
        <TableHeader>
          {header('referenceNumber', t('procurement.referenceNumber'))}
          {header('title', t('procurement.title'))}
          {header('unit', t('procurement.unit'), false)}
          {header('status', t('procurement.status'))}
          {header('screening', t('register.columns.screening'), false)}
          {header('decision', t('register.columns.decision'), false)}
          {header('contractStart', t('procurement.contractStart'))}
          {header('estimatedValueOre', t('procurement.estimatedValue'))}
          {header('updatedAt', t('procurement.updatedAt'))}
        </TableHeader>
        <TableBody items={items} dependencies={[i18n.language]} renderEmptyState={() => <p className="table__empty">{isLoading ? t('common.loading') : t('register.empty')}</p>}>
          {(item) => (
            <Row id={item.id}>
              <Cell>{item.referenceNumber}</Cell>
              <Cell>
                <Link href={`/procurements/${item.id}`}>{item.title}</Link>
                <span className="table__sub">
                  {item.mainCpv.code} {labelOf(item.mainCpv, i18n.language)}
                </span>
              </Cell>
              <Cell>{item.unit.name}</Cell>
              <Cell>
                <StatusBadge status={item.status} />
              </Cell>
              <Cell>
                <ScreeningBadge screening={item.screening} />
              </Cell>
              <Cell>
                <DecisionBadge decision={item.decision} />
              </Cell>
              <Cell className="table__nowrap">{formatDate(item.contractStart, i18n.language)}</Cell>
              <Cell className="table__number table__nowrap">{formatSek(item.estimatedValueOre)}</Cell>
              <Cell className="table__nowrap">{formatDate(item.updatedAt, i18n.language)}</Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}
