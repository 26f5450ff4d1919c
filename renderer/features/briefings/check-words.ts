/**
 * The check before export in the interface language: each problem the shared check finds as a sentence
 * saying what to do, and each jump as the name of its button.
 */
import type { CheckJump, CheckProblem } from '../../../shared/domain/briefing-checks';
import { formatList } from '../../ui/format';
import { sectionLabel } from './section-labels';

type Translate = (key: string, values?: Record<string, unknown>) => string;

const threatNumbers = (numbers: readonly number[]) => numbers.map((n) => `T${n}`).join(', ');

/** "T3 “Kosh-Tepa canal”", with the interface language's quotation marks. */
const threatNamed = (t: Translate, threat: { number: number; title: string }) =>
  t('briefings.check.threatNamed', { number: threat.number, title: threat.title });

/** The sentence a check item says: what is wrong, why it matters and what to do. */
export function checkSentence(t: Translate, problem: CheckProblem): string {
  const key = `briefings.check.problem.${problem.code}`;
  switch (problem.code) {
    case 'passage-moved':
    case 'passage-lost':
      return t(key, { quote: problem.quote, title: problem.sourceTitle ?? t('briefings.check.untitledSource') });
    case 'bottom-line-empty':
    case 'cut-off-missing':
      return t(key);
    case 'section-empty':
      return t(key, { section: sectionLabel(problem.section) });
    case 'reference-incomplete': {
      // A language lists the parts its own way: "has no publisher or date", "не указаны … издатель и дата".
      const style = t('briefings.check.partsListStyle') === 'conjunction' ? 'conjunction' : 'disjunction';
      const parts = formatList(
        problem.missing.map((part) => t(`briefings.check.part.${part}`)),
        style,
      );
      return t(key, {
        title: problem.sourceTitle,
        parts,
        count: problem.missing.length,
        date: problem.missing.includes('date') ? 'yes' : 'no',
      });
    }
    case 'threats-unrated':
      return t(key, {
        threats: problem.threats.map((threat) => threatNamed(t, threat)).join(', '),
        count: problem.threats.length,
      });
    case 'threat-unsupported':
      return t(key, { threat: threatNamed(t, problem.threat) });
    case 'never-reviewed':
      return t(key, {
        threats: threatNumbers(problem.threats),
        count: problem.threats.length,
        all: problem.all ? 'yes' : 'no',
      });
    case 'threats-one-source':
      return t(key, { threats: threatNumbers(problem.threats), count: problem.threats.length });
    case 'judgment-unsupported':
    case 'judgment-one-source':
      return t(key, { number: problem.judgment });
    case 'placeholder':
      return t(key, { name: problem.name });
  }
}

/** The name of a jump's button ("Go to T3", "Write the bottom line"). */
export function jumpLabel(t: Translate, jump: CheckJump): string {
  switch (jump.kind) {
    case 'threat':
    case 'judgment':
      return t(`briefings.check.jump.${jump.kind}`, { number: jump.number });
    case 'field':
      return t(`briefings.check.jump.field.${jump.field}`);
    default:
      return t(`briefings.check.jump.${jump.kind}`);
  }
}
