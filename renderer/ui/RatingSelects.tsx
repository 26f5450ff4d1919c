import { useT } from '../i18n';
import { impactLabel, likelihoodLabel } from './scale-words';

interface RatingSelectsProps {
  levels: number;
  likelihood: number;
  impact: number;
  onChange: (rating: { likelihood: number; impact: number }) => void;
}

/** Likelihood and impact on a register's scale, each level named in the words analysts use (ICD 203). */
export function RatingSelects({ levels, likelihood, impact, onChange }: RatingSelectsProps) {
  const t = useT();
  const range = Array.from({ length: levels }, (_, i) => i + 1);
  return (
    <>
      <label className="inline-field">
        {t('register.columns.likelihood')}
        <select value={likelihood} onChange={(e) => onChange({ likelihood: Number(e.target.value), impact })}>
          {range.map((n) => (
            <option key={n} value={n}>
              {n} · {likelihoodLabel(n, levels)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        {t('register.columns.impact')}
        <select value={impact} onChange={(e) => onChange({ likelihood, impact: Number(e.target.value) })}>
          {range.map((n) => (
            <option key={n} value={n}>
              {n} · {impactLabel(n, levels)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
