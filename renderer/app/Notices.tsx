import { useWorkbench } from '../stores';
import { useT } from '../i18n';

/** Errors and confirmations, each a sentence the analyst can act on; dismissed by hand. */
export function Notices() {
  const notices = useWorkbench((s) => s.notices);
  const dismiss = useWorkbench((s) => s.dismissNotice);
  const t = useT();
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.message}</span>
          {n.action && (
            <button
              type="button"
              onClick={() => {
                n.action!.run();
                dismiss(n.id);
              }}
            >
              {n.action.label}
            </button>
          )}
          <button type="button" className="ghost" aria-label={t('notices.dismiss')} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
