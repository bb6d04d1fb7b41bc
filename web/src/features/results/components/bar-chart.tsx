import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The Okabe–Ito palette: distinguishable with the common colour-vision deficiencies. Bars also
 * carry their value as text, so colour is never the only carrier of meaning (decision 0803).
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export interface BarDatum {
  key: string;
  label: string;
  /** Null: suppressed (a small count) — drawn as an empty outlined bar marked "•". */
  value: number | null;
  /** How the value reads in text, e.g. "12" or "1 234 kr". */
  display: string;
}

/**
 * A horizontal bar chart drawn as SVG, with a text summary and the same figures in a data table.
 * The picture is decorative for assistive technology (aria-hidden): the summary and the table say
 * everything it shows, and neither needs a pointer.
 */
export function BarChart({ title, summary, data, valueHeading, reference }: { title: string; summary: string; data: readonly BarDatum[]; valueHeading: string; reference?: { value: number; label: string } }) {
  const { t } = useTranslation();
  const id = useId();
  const max = Math.max(1, reference?.value ?? 0, ...data.map((d) => Math.abs(d.value ?? 0)));
  const rowHeight = 28;
  const labelWidth = 180;
  const barWidth = 320;
  const height = data.length * rowHeight + 8;
  const negative = data.some((d) => (d.value ?? 0) < 0);
  const zero = negative ? labelWidth + barWidth / 2 : labelWidth;
  const scale = (negative ? barWidth / 2 : barWidth) / max;
  return (
    <figure className="results-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="results-chart__title">
        {title}
      </figcaption>
      <p className="results-chart__summary">{summary}</p>
      {data.length > 0 ? (
        <svg className="results-chart__svg" viewBox={`0 0 ${labelWidth + barWidth + 110} ${height}`} aria-hidden="true" focusable="false">
          {data.map((d, i) => {
            const y = i * rowHeight + 4;
            const w = d.value === null ? 0 : Math.abs(d.value) * scale;
            const x = d.value !== null && d.value < 0 ? zero - w : zero;
            return (
              <g key={d.key}>
                <text x={labelWidth - 8} y={y + 17} textAnchor="end" className="results-chart__label">
                  {d.label.length > 26 ? `${d.label.slice(0, 25)}…` : d.label}
                </text>
                {d.value === null ? (
                  <rect x={zero} y={y + 4} width={14} height={rowHeight - 10} fill="none" stroke="#555" strokeDasharray="3 2" />
                ) : (
                  <rect x={x} y={y + 4} width={Math.max(w, 1)} height={rowHeight - 10} fill={PALETTE[i % PALETTE.length]} />
                )}
                <text x={(d.value !== null && d.value < 0 ? zero : x + w) + 6 + (d.value === null ? 14 : 0)} y={y + 17} className="results-chart__value">
                  {d.display}
                </text>
              </g>
            );
          })}
          {reference ? <line x1={zero + reference.value * scale} x2={zero + reference.value * scale} y1={0} y2={height} stroke="#000" strokeWidth={2} strokeDasharray="6 3" /> : null}
        </svg>
      ) : null}
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
        <table className="table results-chart__table">
          <caption id={`${id}-caption`}>{t('results.chart.tableCaption', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.chart.category')}</th>
              <th scope="col">{valueHeading}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.key}>
                <th scope="row">{d.label}</th>
                <td>{d.display}</td>
              </tr>
            ))}
            {reference ? (
              <tr>
                <th scope="row">{reference.label}</th>
                <td>{reference.value}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
