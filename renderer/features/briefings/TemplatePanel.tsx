import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import {
  BriefingTemplate,
  documentNumber,
  MAX_LOGO_BYTES,
  TEMPLATE_LANGUAGE_LABELS,
  TEMPLATE_LANGUAGES,
  TemplateLanguage,
  Paper,
  type TemplateLogo,
} from '../../../shared/domain/briefing-template';
import { db } from '../../db';
import { briefingTemplate } from '../../db/briefings';
import { workspace } from '../../workspace';
import { setBriefingTemplate } from '../../workspace/commands/briefings';
import { t as translate, useT } from '../../i18n';

/** The Settings page "Briefing template": what every exported briefing of this workspace shares. */
export function TemplatePanel() {
  const template = useLiveQuery(() => briefingTemplate(db));
  if (template === undefined) return null;
  return <TemplateForm template={template} />;
}

/** Reads an image file the analyst chose as the logo: its bytes (base64) and its size in pixels. */
async function readLogo(file: File): Promise<TemplateLogo> {
  if (file.type !== 'image/png' && file.type !== 'image/jpeg')
    throw new Error(translate('briefings.template.notImage', { name: file.name }));
  if (file.size > MAX_LOGO_BYTES)
    throw new Error(translate('briefings.template.tooLarge', { name: file.name, kb: MAX_LOGO_BYTES / 1024 }));
  const bitmap = await createImageBitmap(file).catch(() => {
    throw new Error(translate('briefings.template.unreadable', { name: file.name }));
  });
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const logo = { mime: file.type, data: btoa(binary), width: bitmap.width, height: bitmap.height } as const;
  bitmap.close();
  return logo;
}

function TemplateForm({ template }: { template: BriefingTemplate }) {
  const t = useT();
  const [draft, setDraft] = useState(template);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const edit = (patch: Partial<BriefingTemplate>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setError(null);
    setSaved(false);
  };
  const save = async () => {
    const parsed = BriefingTemplate.safeParse(draft);
    if (!parsed.success)
      return setError(
        t('briefings.template.check', { reason: parsed.error.issues[0]?.message ?? t('briefings.template.aField') }),
      );
    try {
      await workspace.perform(setBriefingTemplate, parsed.data);
      setSaved(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const text = (id: string, label: string, field: keyof BriefingTemplate, help?: string) => (
    <div className="field">
      <label htmlFor={`template-${id}`}>{label}</label>
      <input
        id={`template-${id}`}
        type="text"
        dir="auto"
        value={String(draft[field] ?? '')}
        aria-describedby={help ? `template-${id}-help` : undefined}
        onChange={(e) => edit({ [field]: e.target.value })}
      />
      {help && (
        <p id={`template-${id}-help`} className="muted small">
          {help}
        </p>
      )}
    </div>
  );
  const example = documentNumber(draft.documentNumberPattern, new Date().toISOString().slice(0, 10), 1);

  return (
    <form
      aria-labelledby="settings-template-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="settings-template-title">{t('settings.tabs.briefing-template')}</h3>
      <p className="muted">{t('briefings.template.intro')}</p>
      {text('institution', t('briefings.template.institution'), 'institution')}
      {text('department', t('briefings.template.department'), 'department')}
      <div className="field">
        <label htmlFor="template-logo">{t('briefings.template.logo')}</label>
        <input
          id="template-logo"
          type="file"
          accept="image/png,image/jpeg"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file)
              readLogo(file).then(
                (logo) => edit({ logo }),
                (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
              );
          }}
        />
        {draft.logo ? (
          <p className="muted small">
            <img
              className="template-logo"
              alt={t('briefings.template.logoAlt')}
              src={`data:${draft.logo.mime};base64,${draft.logo.data}`}
            />{' '}
            {t('briefings.template.pixels', { width: draft.logo.width, height: draft.logo.height })}{' '}
            <button type="button" className="link" onClick={() => edit({ logo: null })}>
              {t('briefings.template.removeLogo')}
            </button>
          </p>
        ) : (
          <p className="muted small">{t('briefings.template.logoHelp')}</p>
        )}
      </div>
      {text(
        'number',
        t('briefings.template.number'),
        'documentNumberPattern',
        example ? t('briefings.template.numberHelpExample', { example }) : t('briefings.template.numberHelp'),
      )}
      <div className="field">
        <label htmlFor="template-distribution">{t('briefings.template.distribution')}</label>
        <textarea
          id="template-distribution"
          rows={3}
          dir="auto"
          value={draft.distribution}
          onChange={(e) => edit({ distribution: e.target.value })}
        />
        <p className="muted small">{t('briefings.template.distributionHelp')}</p>
      </div>
      {text('marking', t('briefings.template.marking'), 'defaultMarking', t('briefings.template.markingHelp'))}
      <div className="field">
        <label htmlFor="template-handling">{t('briefings.template.handling')}</label>
        <textarea
          id="template-handling"
          rows={2}
          dir="auto"
          value={draft.handling}
          onChange={(e) => edit({ handling: e.target.value })}
        />
        <p className="muted small">{t('briefings.template.handlingHelp')}</p>
      </div>
      <div className="field-pair">
        {text('heading-font', t('briefings.template.headingFont'), 'headingFont')}
        {text('body-font', t('briefings.template.bodyFont'), 'bodyFont')}
      </div>
      <div className="field-pair">
        <div className="field">
          <label htmlFor="template-paper">{t('briefings.template.paper')}</label>
          <select
            id="template-paper"
            value={draft.paper}
            onChange={(e) => edit({ paper: Paper.parse(e.target.value) })}
          >
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="template-language">{t('briefings.template.language')}</label>
          <select
            id="template-language"
            value={draft.language}
            onChange={(e) => edit({ language: TemplateLanguage.parse(e.target.value) })}
          >
            {TEMPLATE_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {TEMPLATE_LANGUAGE_LABELS[l]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="primary">
          {t('briefings.template.save')}
        </button>
        {saved && (
          <span className="muted small" role="status">
            {t('briefings.template.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
