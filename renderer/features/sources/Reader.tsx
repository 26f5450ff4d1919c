import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { admiraltyGrade, CREDIBILITY_LABELS, RELIABILITY_LABELS, type Source } from '../../../shared/domain/source';
import { splitParagraphs } from '../../../shared/domain/text';
import { db } from '../../db';
import { READER_FONT_SIZES, useWorkbench } from '../../stores';
import { formatDate } from '../common/format';

/** A comfortable reading column; each paragraph finds its own direction, so Dari and Pashto read right to left. */
export function Reader({ source }: { source: Source }) {
  const sourceText = useLiveQuery(() => db.sourceTexts.get(source.id), [source.id]);
  const paragraphs = useMemo(() => (sourceText ? splitParagraphs(sourceText.text) : []), [sourceText]);
  const fontSize = useWorkbench((s) => s.readerFontSize);
  const setFontSize = useWorkbench((s) => s.setReaderFontSize);

  return (
    <section className="pane reader-pane" aria-labelledby="reader-title">
      <header className="reader-header">
        <div>
          <h2 id="reader-title" dir="auto">
            {source.title}
          </h2>
          <p className="muted">
            <span dir="auto">{source.author || 'Unknown author'}</span>
            {source.publisher && <> · <span dir="auto">{source.publisher}</span></>}
            {source.publishedOn && <> · {formatDate(source.publishedOn)}</>}
            {' · '}
            <span title={`${RELIABILITY_LABELS[source.reliability]}; ${CREDIBILITY_LABELS[source.credibility]}`}>
              Grade {admiraltyGrade(source.reliability, source.credibility)}
            </span>
          </p>
        </div>
        <div className="toolbar" role="group" aria-label="Text size">
          <button type="button" className="ghost" aria-label="Smaller text" disabled={fontSize <= READER_FONT_SIZES.min} onClick={() => setFontSize(fontSize - 1)}>
            A−
          </button>
          <button type="button" className="ghost" aria-label="Larger text" disabled={fontSize >= READER_FONT_SIZES.max} onClick={() => setFontSize(fontSize + 1)}>
            A+
          </button>
        </div>
      </header>
      <article className="reader" aria-label="Source text" lang={source.language} style={{ fontSize: `${fontSize}px` }}>
        {sourceText === undefined ? (
          <p className="muted">Loading the text…</p>
        ) : (
          paragraphs.map((p) => (
            <p key={p.start} dir="auto" data-start={p.start}>
              {p.text}
            </p>
          ))
        )}
      </article>
    </section>
  );
}
