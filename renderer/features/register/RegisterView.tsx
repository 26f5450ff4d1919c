import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { bandOf } from '../../../shared/domain/scoring';
import { db } from '../../db';
import { useWorkbench } from '../../stores';
import { ThreatInspector } from './ThreatInspector';

const TREND_SYMBOL = { rising: '↑', stable: '→', falling: '↓' } as const;

export function RegisterView() {
  const registers = useLiveQuery(() => db.registers.orderBy('name').filter((r) => !r.archived).toArray());
  const registerId = useWorkbench((s) => s.selectedRegisterId);
  const selectRegister = useWorkbench((s) => s.selectRegister);
  const threatId = useWorkbench((s) => s.selectedThreatId);
  const selectThreat = useWorkbench((s) => s.selectThreat);

  const register = registers?.find((r) => r.id === registerId) ?? registers?.[0];
  useEffect(() => {
    if (register && register.id !== registerId) selectRegister(register.id);
  }, [register, registerId, selectRegister]);

  const threats = useLiveQuery(
    async () => (register ? (await db.threats.where('[registerId+score]').between([register.id, -Infinity], [register.id, Infinity]).reverse().toArray()) : []),
    [register?.id],
  );
  const selected = threats?.find((t) => t.id === threatId);

  if (!registers || !threats) return null;
  if (!register) {
    return (
      <section className="pane empty">
        <h1>Register</h1>
        <p>No registers yet.</p>
      </section>
    );
  }
  return (
    <div className="split split-inspector">
      <section className="pane" aria-labelledby="register-heading">
        <header className="pane-header">
          <div>
            <h1 id="register-heading">{register.name}</h1>
            <p className="muted">{register.scope}</p>
          </div>
          {registers.length > 1 && (
            <label className="inline-field">
              Register
              <select value={register.id} onChange={(e) => selectRegister(e.target.value)}>
                {registers.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </header>
        {threats.length === 0 ? (
          <div className="empty">
            <p>This register has no threats yet.</p>
          </div>
        ) : (
          <div className="table-wrap">
            <table className="grid" aria-label="Threats">
              <thead>
                <tr>
                  <th scope="col">Threat</th>
                  <th scope="col">Category</th>
                  <th scope="col" className="num" title="Likelihood">L</th>
                  <th scope="col" className="num" title="Impact">I</th>
                  <th scope="col" className="num">Score</th>
                  <th scope="col">Trend</th>
                  <th scope="col">Status</th>
                  <th scope="col">Countries</th>
                </tr>
              </thead>
              <tbody>
                {threats.map((t) => {
                  const band = bandOf(t.score, register.scale.bands);
                  return (
                    <tr
                      key={t.id}
                      aria-selected={t.id === threatId}
                      tabIndex={0}
                      onClick={() => selectThreat(t.id)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault();
                          selectThreat(t.id);
                        }
                      }}
                    >
                      <td className="title-cell">{t.title}</td>
                      <td className="capitalise">{t.category}</td>
                      <td className="num">{t.likelihood}</td>
                      <td className="num">{t.impact}</td>
                      <td className="num">
                        <span className={`band band-${band}`} title={`${band} (${t.score})`}>
                          {t.score}
                        </span>
                      </td>
                      <td className="nowrap">
                        <span aria-hidden="true">{TREND_SYMBOL[t.trend]}</span> {t.trend}
                      </td>
                      <td className="capitalise">{t.status}</td>
                      <td className="codes">{t.countryCodes.join(' ')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <aside className="pane inspector" aria-label="Inspector">
        {selected ? <ThreatInspector threat={selected} register={register} /> : <p className="muted empty">Select a threat to see and edit its details.</p>}
      </aside>
    </div>
  );
}
