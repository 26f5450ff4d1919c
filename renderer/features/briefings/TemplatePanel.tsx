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

/** The Settings page "Briefing template": what every exported briefing of this workspace shares. */
export function TemplatePanel() {
  const template = useLiveQuery(() => briefingTemplate(db));
  if (template === undefined) return null;
  return <TemplateForm template={template} />;
}

/** Reads an image file the analyst chose as the logo: its bytes (base64) and its size in pixels. */
async function readLogo(file: File): Promise<TemplateLogo> {
  if (file.type !== 'image/png' && file.type !== 'image/jpeg')
    throw new Error(`“${file.name}” is not a PNG or JPEG image. Choose the logo as a .png or .jpg file.`);
  if (file.size > MAX_LOGO_BYTES)
    throw new Error(
      `“${file.name}” is larger than ${MAX_LOGO_BYTES / 1024} KB. Choose a smaller image of the logo (a letterhead mark).`,
    );
  const bitmap = await createImageBitmap(file).catch(() => {
    throw new Error(`“${file.name}” cannot be read as an image. Choose another file.`);
  });
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const logo = { mime: file.type, data: btoa(binary), width: bitmap.width, height: bitmap.height } as const;
  bitmap.close();
  return logo;
}

function TemplateForm({ template }: { template: BriefingTemplate }) {
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
    if (!parsed.success) return setError(`Check the template: ${parsed.error.issues[0]?.message ?? 'a field'}.`);
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
      <h3 id="settings-template-title">Briefing template</h3>
      <p className="muted">
        What every briefing of this workspace shares when exported. Kept in the workspace (and its backups); changes can
        be undone.
      </p>
      {text('institution', 'Institution', 'institution')}
      {text('department', 'Department', 'department')}
      <div className="field">
        <label htmlFor="template-logo">Logo</label>
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
              alt="The logo printed on the cover"
              src={`data:${draft.logo.mime};base64,${draft.logo.data}`}
            />{' '}
            {draft.logo.width}×{draft.logo.height} px{' '}
            <button type="button" className="link" onClick={() => edit({ logo: null })}>
              Remove the logo
            </button>
          </p>
        ) : (
          <p className="muted small">A PNG or JPEG, printed above the title on the cover.</p>
        )}
      </div>
      {text(
        'number',
        'Document number pattern',
        'documentNumberPattern',
        `{YYYY}, {MM}, {DD}: the briefing’s date; {NNN}: its export count.${example ? ` Example: ${example}` : ''}`,
      )}
      <div className="field">
        <label htmlFor="template-distribution">Distribution list</label>
        <textarea
          id="template-distribution"
          rows={3}
          dir="auto"
          value={draft.distribution}
          onChange={(e) => edit({ distribution: e.target.value })}
        />
        <p className="muted small">One reader per line; printed on the cover.</p>
      </div>
      {text('marking', 'Default marking', 'defaultMarking', 'The marking new briefings start with.')}
      <div className="field">
        <label htmlFor="template-handling">Handling text</label>
        <textarea
          id="template-handling"
          rows={2}
          dir="auto"
          value={draft.handling}
          onChange={(e) => edit({ handling: e.target.value })}
        />
        <p className="muted small">
          What the marking asks of the reader, printed on the cover. Left empty, the workbench writes its own sentence.
        </p>
      </div>
      <div className="field-pair">
        {text('heading-font', 'Heading font', 'headingFont')}
        {text('body-font', 'Body font', 'bodyFont')}
      </div>
      <div className="field-pair">
        <div className="field">
          <label htmlFor="template-paper">Paper</label>
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
          <label htmlFor="template-language">Language of the fixed texts</label>
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
          Save template
        </button>
        {saved && (
          <span className="muted small" role="status">
            Template saved.
          </span>
        )}
      </div>
    </form>
  );
}
