import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db';
import { formatDate } from '../common/format';

export function BriefingsView() {
  const briefings = useLiveQuery(() => db.briefings.orderBy('updatedAt').reverse().toArray());
  if (!briefings) return null;
  return (
    <section className="pane" aria-labelledby="briefings-heading">
      <header className="pane-header">
        <h1 id="briefings-heading">Briefings</h1>
      </header>
      {briefings.length === 0 ? (
        <div className="empty empty-large">
          <p className="empty-title">No briefings yet</p>
          <p className="muted">
            A briefing gathers key judgments, the threat register and the passages behind them into a Word document with
            footnoted citations. Briefings you compose are kept here, with the history of their exports.
          </p>
        </div>
      ) : (
        <ul className="item-list" aria-label="Briefings">
          {briefings.map((b) => (
            <li key={b.id} className="item">
              <span className="item-title">{b.title}</span>
              <span className="item-meta">
                <span>{b.marking}</span>
                <span>{formatDate(b.date)}</span>
                <span>{b.exports.length} exports</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
