import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Country } from '../../../shared/domain/country';
import { exposureFor, type CountryExposure } from '../../../shared/domain/exposure';
import { BANDS } from '../../../shared/domain/scoring';
import type { RiskScale, ThreatCategory } from '../../../shared/domain/threat';
import { useT } from '../../i18n';
import { loadMapShapes, MAP_HEIGHT, MAP_WIDTH, type MapShape } from './atlas';
import { categoryLabel } from './labels';

interface CountryMapProps {
  countries: Country[];
  name: (code: string) => string;
  exposures: Map<string, CountryExposure>;
  category: ThreatCategory | 'all';
  scale: RiskScale;
  compared: readonly string[];
  onToggle: (code: string) => void;
}

interface Hover {
  code: string;
  x: number;
  y: number;
}

function useMapShapes(): MapShape[] | null {
  const [shapes, setShapes] = useState<MapShape[] | null>(null);
  useEffect(() => {
    let live = true;
    void loadMapShapes().then((s) => live && setShapes(s));
    return () => {
      live = false;
    };
  }, []);
  return shapes;
}

/**
 * The region from bundled Natural Earth shapes, each workspace country coloured by its exposure for the
 * chosen category. Every workspace country is a focusable button: Enter, Space or a click adds it to or
 * takes it out of the comparison; hovering or focusing it shows its name and score.
 */
export function CountryMap({ countries, name, exposures, category, scale, compared, onToggle }: CountryMapProps) {
  const t = useT();
  const shapes = useMapShapes();
  const box = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const byNumeric = useMemo(() => new Map(countries.map((c) => [c.facts.numeric, c])), [countries]);

  const layers = useMemo(() => {
    const context: MapShape[] = [];
    const active: { shape: MapShape; country: Country }[] = [];
    for (const shape of shapes ?? []) {
      const country = byNumeric.get(shape.numeric);
      if (country) active.push({ shape, country });
      else context.push(shape);
    }
    // Tab order follows the names as the analyst reads them.
    active.sort((a, b) => name(a.country.code).localeCompare(name(b.country.code)));
    return { context, active };
  }, [shapes, byNumeric, name]);

  // The category as the messages choose on it ('all' or another), and its name in a sentence ("water").
  const categoryWords = {
    category: category === 'all' ? 'all' : 'one',
    categoryName: category === 'all' ? '' : categoryLabel(category).toLowerCase(),
  };
  const describe = (code: string) => {
    const exposure = exposures.get(code);
    const e = exposure ? exposureFor(exposure, category) : null;
    const text =
      e?.score != null
        ? t('countries.map.scored', {
            name: name(code),
            ...categoryWords,
            score: e.score,
            band: t(`register.band.${e.band}`),
            overridden: e.overridden,
          })
        : t('countries.map.noThreats', { name: name(code), ...categoryWords });
    return { e, text };
  };

  const pointAt = (event: MouseEvent, code: string) => {
    const rect = box.current?.getBoundingClientRect();
    if (!rect) return;
    setHover({ code, x: event.clientX - rect.left, y: event.clientY - rect.top });
  };
  const focusAt = (shape: MapShape, code: string) => {
    const svg = box.current?.querySelector('svg')?.getBoundingClientRect();
    const rect = box.current?.getBoundingClientRect();
    if (!svg || !rect || !shape.label) return;
    setHover({
      code,
      x: svg.left - rect.left + (shape.label[0] * svg.width) / MAP_WIDTH,
      y: svg.top - rect.top + (shape.label[1] * svg.height) / MAP_HEIGHT,
    });
  };
  const onKeyDown = (event: KeyboardEvent, code: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onToggle(code);
    }
  };

  const hovered = hover ? describe(hover.code) : null;
  const hoveredShape = hover ? layers.active.find((a) => a.country.code === hover.code)?.shape : undefined;
  const max = scale.levels * scale.levels;
  const bounds = [1, scale.bands.medium, scale.bands.high, scale.bands.critical, max + 1];

  return (
    <div className="country-map" ref={box}>
      <svg
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        role="group"
        aria-label={t('countries.map.label', categoryWords)}
        aria-busy={!shapes}
      >
        <rect className="map-sea" width={MAP_WIDTH} height={MAP_HEIGHT} />
        {layers.context.map((s, i) => (
          <path key={`${s.numeric}-${i}`} className="map-context" d={s.d} aria-hidden="true" />
        ))}
        {layers.active.map(({ shape, country }) => {
          const { e, text } = describe(country.code);
          const isCompared = compared.includes(country.code);
          return (
            <path
              key={country.code}
              data-code={country.code}
              className={`map-country ${e?.band ? `fill-${e.band}` : 'fill-none'}`}
              d={shape.d}
              role="button"
              tabIndex={0}
              aria-pressed={isCompared}
              aria-label={t('countries.map.country', { text, compared: isCompared })}
              onClick={() => onToggle(country.code)}
              onKeyDown={(event) => onKeyDown(event, country.code)}
              onMouseMove={(event) => pointAt(event, country.code)}
              onMouseLeave={() => setHover(null)}
              onFocus={() => focusAt(shape, country.code)}
              onBlur={() => setHover(null)}
            />
          );
        })}
        {layers.active
          .filter(({ country }) => compared.includes(country.code))
          .map(({ shape, country }) => (
            <path key={`outline-${country.code}`} className="map-outline" d={shape.d} aria-hidden="true" />
          ))}
        {hoveredShape && <path className="map-outline hovered" d={hoveredShape.d} aria-hidden="true" />}
        {layers.active.map(({ shape, country }) =>
          shape.label ? (
            <text
              key={`label-${country.code}`}
              className={`map-label${compared.includes(country.code) ? ' compared' : ''}`}
              x={shape.label[0]}
              y={shape.label[1]}
              aria-hidden="true"
            >
              {country.code}
            </text>
          ) : null,
        )}
      </svg>
      {hover && hovered && (
        <div className="map-tooltip" role="tooltip" style={{ left: hover.x, top: hover.y }}>
          <strong>{name(hover.code)}</strong>{' '}
          {hovered.e?.score != null ? (
            <>
              <span className={`band band-${hovered.e.band}`}>{hovered.e.score}</span>{' '}
              {t(`register.band.${hovered.e.band}`)}
              {hovered.e.overridden && <span className="muted"> · {t('countries.overriddenMark')}</span>}
            </>
          ) : (
            <span className="muted">{t('countries.map.noThreatsIn', categoryWords)}</span>
          )}
          <div className="muted small">
            {compared.includes(hover.code) ? t('countries.map.takeOutHint') : t('countries.map.compareHint')}
          </div>
        </div>
      )}
      <ul className="map-legend" aria-label={t('countries.map.legend')}>
        {BANDS.map((band, i) => (
          <li key={band}>
            <span className={`legend-swatch fill-${band}`} aria-hidden="true" />
            {t(`register.band.${band}`)} {bounds[i]}–{bounds[i + 1]! - 1}
          </li>
        ))}
        <li>
          <span className="legend-swatch fill-none" aria-hidden="true" />
          {t('countries.map.none')}
        </li>
        <li>
          <span className="legend-swatch outlined" aria-hidden="true" />
          {t('countries.map.compared')}
        </li>
      </ul>
    </div>
  );
}
