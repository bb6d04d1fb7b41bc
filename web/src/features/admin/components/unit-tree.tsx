import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import type { Unit } from '../../../lib/reference-data';
import '../admin.css';

export interface UnitTreeProps {
  units: readonly Unit[];
  onRename: (unit: Unit) => void;
  onMove: (unit: Unit) => void;
  onDelete: (unit: Unit) => void;
}

/** The unit tree as nested lists, which screen readers announce with their level and size. */
export function UnitTree({ units, onRename, onMove, onDelete }: UnitTreeProps) {
  const { t } = useTranslation();
  const ids = new Set(units.map((u) => u.id));
  const childrenOf = (parentId: string | null) =>
    units.filter((u) => (u.parentId && ids.has(u.parentId) ? u.parentId : null) === parentId).sort((a, b) => a.name.localeCompare(b.name, 'sv'));

  const renderLevel = (parentId: string | null) => {
    const children = childrenOf(parentId);
    if (children.length === 0) return null;
    return (
      <ul className={parentId === null ? 'unit-tree' : 'unit-tree__children'}>
        {children.map((unit) => (
          <li key={unit.id} className="unit-tree__item">
            <div className="unit-tree__row">
              <span className="unit-tree__name">
                {unit.name} <span className="code muted">({unit.code})</span>
              </span>
              <span className="unit-tree__actions">
                <Button variant="quiet" onPress={() => onRename(unit)} aria-label={t('admin.units.renameNamed', { name: unit.name })}>
                  {t('admin.units.rename')}
                </Button>
                <Button variant="quiet" onPress={() => onMove(unit)} aria-label={t('admin.units.moveNamed', { name: unit.name })}>
                  {t('admin.units.move')}
                </Button>
                <Button variant="quiet" onPress={() => onDelete(unit)} aria-label={t('admin.units.deleteNamed', { name: unit.name })}>
                  {t('admin.units.delete')}
                </Button>
              </span>
            </div>
            {renderLevel(unit.id)}
          </li>
        ))}
      </ul>
    );
  };
  return renderLevel(null);
}
