import { geoConicEqualArea, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** The map's drawing box (SVG user units); the SVG scales to its column. */
export const MAP_WIDTH = 440;
export const MAP_HEIGHT = 300;

/** The countries the map is fitted to: Afghanistan, Central Asia, and Afghanistan's southern and western neighbours. */
const FOCUS = ['004', '398', '417', '762', '795', '860', '586', '364'];

export interface MapShape {
  /** ISO 3166-1 numeric, zero-padded as world-atlas writes it ("004"); empty for the few unnamed shapes. */
  numeric: string;
  name: string;
  d: string;
  /** Where a label goes: the centre of the part of the country that is on the map. */
  label: [number, number] | null;
}

let loading: Promise<MapShape[]> | null = null;

/**
 * The region's shapes, projected once. The Natural Earth 1:50m countries from world-atlas are bundled
 * (a separate chunk, loaded when the map first shows), so the map needs no network.
 */
export function loadMapShapes(): Promise<MapShape[]> {
  loading ??= import('world-atlas/countries-50m.json').then((module) => project(module.default as unknown as Topology));
  return loading;
}

export function project(topology: Topology): MapShape[] {
  const countries = feature(
    topology,
    topology.objects.countries as GeometryCollection<{ name: string }>,
  ) as FeatureCollection<Geometry, { name: string }>;
  const focus: FeatureCollection = {
    type: 'FeatureCollection',
    features: countries.features.filter((f) => FOCUS.includes(String(f.id))),
  };
  // An equal-area conic centred on the region keeps Kazakhstan and Pakistan in honest proportion.
  const projection = geoConicEqualArea()
    .parallels([30, 50])
    .rotate([-65, 0])
    .fitExtent(
      [
        [6, 6],
        [MAP_WIDTH - 6, MAP_HEIGHT - 6],
      ],
      focus,
    )
    .clipExtent([
      [0, 0],
      [MAP_WIDTH, MAP_HEIGHT],
    ]);
  const path = geoPath(projection).digits(1);
  return countries.features.flatMap((f: Feature<Geometry, { name: string }>) => {
    const d = path(f);
    if (!d) return [];
    const [x, y] = path.centroid(f);
    return [
      {
        numeric: f.id === undefined ? '' : String(f.id),
        name: f.properties?.name ?? '',
        d,
        label: Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null,
      },
    ];
  });
}
