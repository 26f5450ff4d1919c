import { impactWords, likelihoodWords } from '../../shared/domain/scoring';

interface RatingSelectsProps {
  levels: number;
  likelihood: number;
  impact: number;
  onChange: (rating: { likelihood: number; impact: number }) => void;
}

/** Likelihood and impact on a register's scale, each level named in the words analysts use (ICD 203). */
export function RatingSelects({ levels, likelihood, impact, onChange }: RatingSelectsProps) {
  const range = Array.from({ length: levels }, (_, i) => i + 1);
  return (
    <>
      <label className="inline-field">
        Likelihood
        <select value={likelihood} onChange={(e) => onChange({ likelihood: Number(e.target.value), impact })}>
          {range.map((n) => (
            <option key={n} value={n}>
              {n} · {likelihoodWords(n, levels)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Impact
        <select value={impact} onChange={(e) => onChange({ likelihood, impact: Number(e.target.value) })}>
          {range.map((n) => (
            <option key={n} value={n}>
              {n} · {impactWords(n, levels)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
