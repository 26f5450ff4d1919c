import { handlingLine } from '../../../shared/domain/briefing-names';
import type { CSSProperties, ReactNode } from 'react';
import type { BriefingDocument, DocBlock, DocInline } from '../../../shared/domain/briefing-document';
import { BAND_PRINT_COLOURS, noteReferences } from '../../../shared/domain/briefing-document';
import { confidenceWords } from '../../../shared/domain/briefing-model';
import {
  TABLE_TEXT_SIZE,
  TABLE_WIDTH,
  tableFonts,
  tableLayout,
  type TableFonts,
} from '../../../shared/domain/briefing-table-layout';
import { t as translate, useT } from '../../i18n';

/**
 * The HTML rendering of the same document tree main writes as .docx: the pages between page breaks as
 * sheets of paper, each with the marking at its top and bottom and the footnotes it cites at its foot.
 * Word lays out the pages itself; the content, order, numbering and colours are the same.
 */
export function BriefingPreview({ document }: { document: BriefingDocument }) {
  const t = useT();
  const sheets: DocBlock[][] = [[]];
  for (const block of document.blocks) {
    if (block.type === 'page-break') sheets.push([]);
    else sheets.at(-1)!.push(block);
  }
  const notes = new Map(document.footnotes.map((f) => [f.number, f]));
  const headings = document.blocks.filter((b): b is Extract<DocBlock, { type: 'heading' }> => b.type === 'heading');
  const marking = document.page.marking || t('briefings.preview.noMarking');
  const fonts = tableFonts(document.page.template);

  return (
    <div className="briefing-sheets">
      {sheets.map((blocks, index) => {
        const cited = [...new Set(noteReferences(blocks))];
        return (
          <section key={index} className="sheet" aria-label={t('briefings.preview.sheet', { n: index + 1 })}>
            <p className="sheet-marking" data-testid="marking-top">
              {marking}
            </p>
            <div className="sheet-body">
              {blocks.map((block, i) => renderBlock(block, `${index}-${i}`, headings, fonts))}
            </div>
            {cited.length > 0 && (
              <ol className="sheet-notes" aria-label={t('briefings.preview.footnotes')}>
                {cited.map((n) => (
                  <li key={n} id={`briefing-note-${n}`} value={n}>
                    {notes.get(n)?.text}
                  </li>
                ))}
              </ol>
            )}
            <footer className="sheet-footer">
              <p className="sheet-running">
                {document.page.title} · {document.page.date}
              </p>
              <p className="sheet-marking">{marking}</p>
            </footer>
          </section>
        );
      })}
    </div>
  );
}

function inlines(items: readonly DocInline[]): ReactNode[] {
  return items.map((inline, i) => {
    if (inline.kind === 'note') {
      return (
        <sup key={i} className="note-ref">
          <a
            href={`#briefing-note-${inline.number}`}
            aria-label={translate('briefings.preview.footnote', { number: String(inline.number) })}
            tabIndex={-1}
          >
            {inline.number}
          </a>
        </sup>
      );
    }
    let node: ReactNode = inline.text;
    if (inline.italic) node = <em>{node}</em>;
    if (inline.bold) node = <strong>{node}</strong>;
    return <span key={i}>{node}</span>;
  });
}

function renderBlock(
  block: DocBlock,
  key: string,
  headings: Extract<DocBlock, { type: 'heading' }>[],
  fonts: TableFonts,
): ReactNode {
  switch (block.type) {
    case 'title':
      return (
        <header key={key} className={block.cover ? 'doc-title doc-cover' : 'doc-title'}>
          {block.kicker && <p className="doc-kicker">{block.kicker}</p>}
          <h2 className="doc-title-text">{block.title}</h2>
          {block.subtitle && <p className="doc-subtitle">{block.subtitle}</p>}
          <dl className="doc-facts">
            {block.facts.map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd dir="auto">{f.value}</dd>
              </div>
            ))}
          </dl>
          {block.cover && block.marking && <p className="doc-handling">{handlingLine(block.marking)}</p>}
        </header>
      );
    case 'contents':
      return (
        <nav key={key} className="doc-contents" aria-label={translate('briefings.section.contents')}>
          <p className="doc-contents-title">{block.title}</p>
          <ul>
            {headings.map((h, i) => (
              <li key={i} className={`toc-${h.level}`} dir={h.dir}>
                {h.text}
              </li>
            ))}
          </ul>
          <p className="doc-hint">{translate('briefings.preview.pageNumbers')}</p>
        </nav>
      );
    case 'heading':
      return block.level === 1 ? (
        <h3 key={key} className="doc-h1" dir={block.dir}>
          {block.text}
        </h3>
      ) : (
        <h4 key={key} className="doc-h2" dir={block.dir}>
          {block.text}
        </h4>
      );
    case 'paragraph':
      return (
        <p key={key} className={`doc-p doc-${block.style}`} dir={block.dir} lang={block.lang || undefined}>
          {inlines(block.inlines)}
        </p>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i} dir={item.dir}>
          {inlines(item.inlines)}
        </li>
      ));
      return block.ordered ? (
        <ol key={key} className="doc-list">
          {items}
        </ol>
      ) : (
        <ul key={key} className="doc-list">
          {items}
        </ul>
      );
    }
    case 'judgment':
      return (
        <div key={key} className="doc-judgment">
          <p dir={block.dir}>
            <span className="doc-judgment-number">{block.number}.</span> <strong>{block.text}</strong>
          </p>
          <p className="doc-confidence">{confidenceWords(block.confidence)}</p>
        </div>
      );
    case 'quote':
      return (
        <blockquote key={key} className="doc-quote" dir={block.dir} lang={block.lang || undefined}>
          {block.open}
          {block.text}
          {block.close}
          <sup className="note-ref">
            <a
              href={`#briefing-note-${block.note}`}
              aria-label={translate('briefings.preview.footnote', { number: String(block.note) })}
              tabIndex={-1}
            >
              {block.note}
            </a>
          </sup>
          {block.grade && <span className="doc-grade"> [{block.grade}]</span>}
        </blockquote>
      );
    case 'table': {
      // The columns the .docx gets, from the same words in the same fonts, and its text set as much smaller.
      const layout = tableLayout(block, fonts);
      const scale = layout.size / TABLE_TEXT_SIZE;
      return (
        <figure
          key={key}
          className={`doc-table doc-table-${block.kind}`}
          style={scale < 1 ? ({ '--table-scale': scale.toFixed(3) } as CSSProperties) : undefined}
        >
          <table aria-label={block.label}>
            <colgroup>
              {layout.widths.map((w, i) => (
                <col key={i} style={{ width: `${((w / TABLE_WIDTH) * 100).toFixed(2)}%` }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {block.columns.map((c, i) => (
                  <th key={i} scope="col" className={`align-${c.align}`}>
                    {c.text}
                    {c.note !== undefined && (
                      <sup className="note-ref">
                        <a
                          href={`#briefing-note-${c.note}`}
                          aria-label={translate('briefings.preview.footnote', { number: String(c.note) })}
                          tabIndex={-1}
                        >
                          {c.note}
                        </a>
                      </sup>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) =>
                    cell.heading ? (
                      <th key={c} scope="row" className={`align-${cell.align}`} dir={cell.dir}>
                        {cell.text}
                      </th>
                    ) : (
                      <td
                        key={c}
                        className={`align-${cell.align}${cell.band ? ` band-cell band-cell-${cell.band}` : ''}${cell.bold ? ' bold' : ''}`}
                        dir={cell.dir}
                        style={
                          cell.band
                            ? {
                                background: `#${BAND_PRINT_COLOURS[cell.band].fill}`,
                                color: `#${BAND_PRINT_COLOURS[cell.band].text}`,
                              }
                            : undefined
                        }
                      >
                        {cell.text}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {block.caption && <figcaption>{block.caption}</figcaption>}
        </figure>
      );
    }
    case 'page-break':
      return null;
  }
}
