/**
 * Geo types and geo query evaluation.
 *
 * The classes mirror @cloudbase/database's: a Point has own `longitude`/`latitude` fields and
 * serialises (toJSON) to GeoJSON, which is what is stored. Documents read back through
 * get()/doc().get() carry Point/LineString/Polygon instances again, as CloudBase's SDK does.
 * mingo has no geo operators, so `$geoWithin` and `$nearSphere` are added to its context here.
 */
import { resolvePath as resolve } from './paths';
import { EngineError } from './errors';

/** MongoDB's earth radius for spherical distances (kRadiusOfEarthInMeters). */
export const EARTH_RADIUS_M = 6378100;

export interface GeoJSONPoint {
  type: 'Point';
  coordinates: [number, number];
}
export interface GeoJSONLineString {
  type: 'LineString';
  coordinates: [number, number][];
}
export interface GeoJSONPolygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}
export interface GeoJSONMultiPolygon {
  type: 'MultiPolygon';
  coordinates: [number, number][][][];
}
export type GeoJSON = GeoJSONPoint | GeoJSONLineString | GeoJSONPolygon | GeoJSONMultiPolygon;

function checkDegree(name: 'longitude' | 'latitude', v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new EngineError('Geo Point must be number type');
  const limit = name === 'latitude' ? 90 : 180;
  if (Math.abs(v) > limit) throw new EngineError(`${name} should be a number ranges from -${limit} to ${limit}`);
  return v;
}

export class GeoPoint {
  readonly longitude: number;
  readonly latitude: number;
  constructor(longitude: number, latitude: number) {
    this.longitude = checkDegree('longitude', longitude);
    this.latitude = checkDegree('latitude', latitude);
  }
  toJSON(): GeoJSONPoint {
    return { type: 'Point', coordinates: [this.longitude, this.latitude] };
  }
}

export class GeoLineString {
  readonly points: GeoPoint[];
  constructor(points: GeoPoint[]) {
    if (!Array.isArray(points) || points.length < 2 || !points.every((p) => p instanceof GeoPoint)) {
      throw new EngineError('"points" must be an array of at least 2 Geo.Point');
    }
    this.points = points;
  }
  toJSON(): GeoJSONLineString {
    return { type: 'LineString', coordinates: this.points.map((p) => [p.longitude, p.latitude]) };
  }
}

function isClosed(line: GeoLineString): boolean {
  const a = line.points[0];
  const b = line.points[line.points.length - 1];
  return a.longitude === b.longitude && a.latitude === b.latitude;
}

export class GeoPolygon {
  readonly lines: GeoLineString[];
  constructor(lines: GeoLineString[]) {
    if (!Array.isArray(lines) || lines.length === 0 || !lines.every((l) => l instanceof GeoLineString)) {
      throw new EngineError('"lines" must be a non-empty array of Geo.LineString');
    }
    for (const l of lines) if (!isClosed(l)) throw new EngineError('Polygon LineString is not a closed cycle');
    this.lines = lines;
  }
  toJSON(): GeoJSONPolygon {
    return { type: 'Polygon', coordinates: this.lines.map((l) => l.toJSON().coordinates) };
  }
}

export class GeoMultiPolygon {
  readonly polygons: GeoPolygon[];
  constructor(polygons: GeoPolygon[]) {
    if (!Array.isArray(polygons) || polygons.length === 0 || !polygons.every((p) => p instanceof GeoPolygon)) {
      throw new EngineError('"polygons" must be a non-empty array of Geo.Polygon');
    }
    this.polygons = polygons;
  }
  toJSON(): GeoJSONMultiPolygon {
    return { type: 'MultiPolygon', coordinates: this.polygons.map((p) => p.toJSON().coordinates) };
  }
}

export type GeoValue = GeoPoint | GeoLineString | GeoPolygon | GeoMultiPolygon;

export function isGeoValue(v: unknown): v is GeoValue {
  return v instanceof GeoPoint || v instanceof GeoLineString || v instanceof GeoPolygon || v instanceof GeoMultiPolygon;
}

/** Callable with or without `new`, like wx-server-sdk's `db.Geo.*` wrappers. */
type Ctor<A extends unknown[], T> = { new (...args: A): T; (...args: A): T };
function factory<A extends unknown[], T>(C: new (...args: A) => T): Ctor<A, T> {
  return function (...args: A) {
    return new C(...args);
  } as unknown as Ctor<A, T>;
}

export const Geo = {
  Point: factory(GeoPoint),
  LineString: factory(GeoLineString),
  Polygon: factory(GeoPolygon),
  MultiPolygon: factory(GeoMultiPolygon),
};

// ---------- GeoJSON recognition (for turning stored GeoJSON back into Geo instances) ----------

function isPair(v: unknown): v is [number, number] {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number';
}

export function isGeoJSONPoint(v: unknown): v is GeoJSONPoint {
  return isPlainRecord(v) && v.type === 'Point' && isPair(v.coordinates);
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** GeoJSON → Geo instance, or undefined when `v` is not a (well-formed) GeoJSON value we model. */
export function geoFromJSON(v: unknown): GeoValue | undefined {
  if (!isPlainRecord(v) || typeof v.type !== 'string' || !Array.isArray(v.coordinates)) return undefined;
  try {
    const toLine = (c: unknown): GeoLineString => {
      if (!Array.isArray(c) || !c.every(isPair)) throw new Error('not a line');
      return new GeoLineString(c.map(([x, y]) => new GeoPoint(x, y)));
    };
    const toPolygon = (c: unknown): GeoPolygon => {
      if (!Array.isArray(c)) throw new Error('not a polygon');
      return new GeoPolygon(c.map(toLine));
    };
    switch (v.type) {
      case 'Point':
        return isPair(v.coordinates) ? new GeoPoint(v.coordinates[0], v.coordinates[1]) : undefined;
      case 'LineString':
        return toLine(v.coordinates);
      case 'Polygon':
        return toPolygon(v.coordinates);
      case 'MultiPolygon':
        return new GeoMultiPolygon(v.coordinates.map(toPolygon));
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

// ---------- spherical math ----------

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Central angle (radians) between two lng/lat points: haversine. */
export function angularDistance(a: [number, number], b: [number, number]): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function distanceMeters(a: [number, number], b: [number, number]): number {
  return angularDistance(a, b) * EARTH_RADIUS_M;
}

/** Ray casting on the lng/lat plane. Fine at town scale; MongoDB uses geodesic edges. */
function inRing(p: [number, number], ring: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** First ring is the shell, later rings are holes (GeoJSON). */
function inPolygon(p: [number, number], rings: [number, number][][]): boolean {
  if (rings.length === 0 || !inRing(p, rings[0])) return false;
  return !rings.slice(1).some((hole) => inRing(p, hole));
}

// ---------- mingo query operators ----------

/** The stored points a field holds: one GeoJSON point, or an array of them (multikey). */
function pointsOf(v: unknown): [number, number][] {
  if (isGeoJSONPoint(v)) return [v.coordinates];
  if (Array.isArray(v)) return v.filter(isGeoJSONPoint).map((p) => p.coordinates);
  return [];
}

type Region = (p: [number, number]) => boolean;

function withinRegion(spec: unknown): Region {
  if (!isPlainRecord(spec)) throw new EngineError('$geoWithin needs $geometry or $centerSphere');
  if (spec.$centerSphere !== undefined) {
    const cs = spec.$centerSphere;
    if (!Array.isArray(cs) || cs.length !== 2 || !isPair(cs[0]) || typeof cs[1] !== 'number') {
      throw new EngineError('centerSphere must be [[longitude, latitude], radiusInRadians]');
    }
    const center = cs[0];
    const radius = cs[1];
    return (p) => angularDistance(center, p) <= radius;
  }
  const g = spec.$geometry;
  if (isPlainRecord(g) && g.type === 'Polygon' && Array.isArray(g.coordinates)) {
    const rings = g.coordinates as [number, number][][];
    return (p) => inPolygon(p, rings);
  }
  if (isPlainRecord(g) && g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
    const polys = g.coordinates as [number, number][][][];
    return (p) => polys.some((rings) => inPolygon(p, rings));
  }
  throw new EngineError('"geometry" must be of type Polygon or MultiPolygon');
}

export interface NearSpec {
  center: [number, number];
  maxDistance?: number;
  minDistance?: number;
}

export function parseNear(spec: unknown): NearSpec {
  if (!isPlainRecord(spec) || !isGeoJSONPoint(spec.$geometry)) {
    throw new EngineError('"geometry" must be of type Point');
  }
  const out: NearSpec = { center: spec.$geometry.coordinates };
  for (const [k, name] of [
    ['$maxDistance', 'maxDistance'],
    ['$minDistance', 'minDistance'],
  ] as const) {
    const v = spec[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new EngineError(`"${name}" must be a non-negative number`);
    out[name] = v;
  }
  return out;
}

/** Distance (metres) from the nearest point the field holds to the centre, or undefined. */
export function nearestDistance(fieldValue: unknown, center: [number, number]): number | undefined {
  let best: number | undefined;
  for (const p of pointsOf(fieldValue)) {
    const d = distanceMeters(center, p);
    if (best === undefined || d < best) best = d;
  }
  return best;
}

export function withinDistance(d: number | undefined, near: NearSpec): boolean {
  if (d === undefined) return false;
  if (near.maxDistance !== undefined && d > near.maxDistance) return false;
  if (near.minDistance !== undefined && d < near.minDistance) return false;
  return true;
}

type AnyRecord = Record<string, unknown>;

export const geoQueryOperators = {
  $geoWithin: (selector: string, value: unknown) => {
    const region = withinRegion(value);
    return (obj: AnyRecord) => {
      // An array of points is multikey, as in MongoDB: one point inside is enough.
      return pointsOf(resolve(obj, selector)).some(region);
    };
  },
  /** Filters by distance only; the engine orders geoNear results by distance itself. */
  $nearSphere: (selector: string, value: unknown) => {
    const near = parseNear(value);
    return (obj: AnyRecord) => withinDistance(nearestDistance(resolve(obj, selector), near.center), near);
  },
};
