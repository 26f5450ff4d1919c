import type { Annotation } from '../../../shared/domain/annotation';
import type { Briefing } from '../../../shared/domain/briefing';
import { selectThreats, type BriefingWorkspace } from '../../../shared/domain/briefing-model';
import { isMention, MAX_QUOTES_PER_THREAT, quotedPassages } from '../../../shared/domain/evidence-selection';
import { admiraltyGrade, type Source } from '../../../shared/domain/source';
import { workspace } from '../../workspace';
import { chooseBriefingEvidence } from '../../workspace/commands/briefings';
import { markPassageMention } from '../../workspace/commands/passages';
import { useT } from '../../i18n';

interface EvidenceChooserProps {
  briefing: Briefing;
  /** The saved choices (the draft never carries them: their own command changes them). */
  choices: Briefing['evidenceChoices'];
  material: BriefingWorkspace;
  onLimit: (quotesPerThreat: number) => void;
  /** Saves the composer's pending edits first, so the command's echo cannot bring back an older draft. */
  flush: () => Promise<void>;
}

interface Owner {
  id: string;
  label: string;
  linked: Annotation[];
}

const short = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 180 ? `${flat.slice(0, 177).trimEnd()}…` : flat;
};

/**
 * Which linked passages the briefing quotes, per threat and per key judgment: the strongest by default
 * (never a bare mention), or the analyst's choice; a passage can be marked a mention here too.
 */
export function EvidenceChooser({ briefing, choices, material, onLimit, flush }: EvidenceChooserProps) {
  const t = useT();
  const sources = new Map<string, Source>(material.sources.map((s) => [s.id, s]));
  const annotations = new Map(material.annotations.map((a) => [a.id, a]));
  const chosen = new Map(choices.map((c) => [c.forId, c.passageIds]));
  const limit = briefing.quotesPerThreat;
  const owners: Owner[] = [
    ...briefing.keyJudgments
      .filter((kj) => kj.text.trim())
      .map((kj, i) => ({
        id: kj.id,
        label: t('briefings.kj.label', { n: i + 1 }),
        linked: kj.passageIds.map((id) => annotations.get(id)).filter((a): a is Annotation => a !== undefined),
      })),
    ...selectThreats(briefing, material).map((threat, i) => ({
      id: threat.id,
      label: `T${i + 1}. ${threat.title}`,
      linked: material.annotations.filter((a) => a.threatIds.includes(threat.id)),
    })),
  ].filter((o) => o.linked.length > 0);

  const choose = (forId: string, passageIds: string[] | null) =>
    void flush().then(() => workspace.attempt(chooseBriefingEvidence, { briefingId: briefing.id, forId, passageIds }));
  const mark = (a: Annotation, mention: boolean) => void workspace.attempt(markPassageMention, { id: a.id, mention });

  return (
    <>
      <div className="field">
        <label htmlFor="briefing-quote-limit">{t('briefings.evidence.perThreat')}</label>
        <input
          id="briefing-quote-limit"
          type="number"
          min={1}
          max={MAX_QUOTES_PER_THREAT}
          className="narrow-number"
          value={limit}
          aria-describedby="briefing-quote-limit-help"
          onChange={(e) => {
            const value = Number.parseInt(e.target.value, 10);
            if (Number.isFinite(value)) onLimit(Math.min(Math.max(value, 1), MAX_QUOTES_PER_THREAT));
          }}
        />
        <p id="briefing-quote-limit-help" className="muted small">
          {t('briefings.evidence.help')}
        </p>
      </div>
      {owners.length === 0 && <p className="muted small">{t('briefings.evidence.none')}</p>}
      <ul className="evidence-owners" aria-label={t('briefings.composer.evidence')}>
        {owners.map((owner) => {
          const own = chosen.get(owner.id) ?? null;
          const quoted = quotedPassages(owner.linked, own, limit, sources);
          const quotedIds = new Set(quoted.map((a) => a.id));
          const full = quoted.length >= limit;
          const toggle = (a: Annotation, on: boolean) =>
            choose(
              owner.id,
              on ? [...quoted.map((q) => q.id), a.id] : quoted.map((q) => q.id).filter((id) => id !== a.id),
            );
          return (
            <li key={owner.id}>
              <details>
                <summary>
                  <span className="evidence-owner">{owner.label}</span>{' '}
                  <span className="muted small">
                    {t(own ? 'briefings.evidence.quotedChosen' : 'briefings.evidence.quotedStrongest', {
                      count: quoted.length,
                      total: owner.linked.length,
                    })}
                  </span>
                </summary>
                <ul
                  className="evidence-passages"
                  aria-label={t('briefings.evidence.passagesOf', { owner: owner.label })}
                >
                  {owner.linked.map((a) => {
                    const source = sources.get(a.sourceId);
                    const mention = isMention(a);
                    return (
                      <li key={a.id} className={quotedIds.has(a.id) ? 'quoted' : undefined}>
                        <label className="check">
                          <input
                            type="checkbox"
                            checked={quotedIds.has(a.id)}
                            disabled={!quotedIds.has(a.id) && full}
                            onChange={(e) => toggle(a, e.target.checked)}
                          />
                          <span dir="auto">{short(a.quote.exact)}</span>
                        </label>
                        <span className="evidence-meta muted small">
                          {source ? admiraltyGrade(source.reliability, source.credibility) : '—'}
                          {mention && t('briefings.evidence.aMention')}
                          <button
                            type="button"
                            className="link"
                            aria-label={
                              mention ? t('briefings.evidence.markEvidence') : t('briefings.evidence.markMention')
                            }
                            onClick={() => mark(a, !mention)}
                          >
                            {mention ? t('briefings.evidence.markEvidence') : t('briefings.evidence.markMention')}
                          </button>
                        </span>
                      </li>
                    );
                  })}
                </ul>
                {full && owner.linked.length > limit && (
                  <p className="muted small">{t('briefings.evidence.limit', { limit })}</p>
                )}
                {own && (
                  <button type="button" onClick={() => choose(owner.id, null)}>
                    {t('briefings.evidence.quoteStrongest')}
                  </button>
                )}
              </details>
            </li>
          );
        })}
      </ul>
    </>
  );
}
