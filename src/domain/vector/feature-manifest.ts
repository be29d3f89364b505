import { canonicalJson } from './canonical-json';
import { ReadingExpr, parseReadingExpr, readingIndices } from './driver-reading';
import { FEATURES, SECTIONS, SECTION_IDS, SectionId, VECTOR_DIMENSION } from './feature-table';
import { DEFAULT_DRIVERS, defaultDriverOf } from './default-drivers';
import { sha256Hex } from './sha256';

/**
 * The feature manifest (public/artifacts/feature_manifest.json, schema
 * "pentaview-feature-manifest/1"): names, sections, units and driver membership of the 144
 * features, and each driver's description and reading. Analysts may rename or regroup drivers in
 * the JSON; {@link parseFeatureManifest} checks that the result is still a partition.
 */
export const FEATURE_MANIFEST_SCHEMA = 'pentaview-feature-manifest/1';

export interface ManifestFeature {
  readonly index: number;
  readonly name: string;
  readonly section: SectionId;
  readonly driver: string;
  readonly unit: string;
  readonly description: string;
}

export interface ManifestSection {
  readonly id: SectionId;
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export interface ManifestDriver {
  readonly name: string;
  readonly description: string;
  readonly reading: ReadingExpr;
}

export interface FeatureManifestContent {
  readonly schema: typeof FEATURE_MANIFEST_SCHEMA;
  readonly dimension: number;
  readonly sections: readonly ManifestSection[];
  readonly features: readonly ManifestFeature[];
  readonly drivers: readonly ManifestDriver[];
}

export interface FeatureManifest extends FeatureManifestContent {
  /** Hex SHA-256 of the canonical JSON of everything except `hash`. */
  readonly hash: string;
}

/** The manifest content generated from the TypeScript feature table (no hash). */
export function defaultManifestContent(): FeatureManifestContent {
  return {
    schema: FEATURE_MANIFEST_SCHEMA,
    dimension: VECTOR_DIMENSION,
    sections: SECTIONS.map((s) => ({ id: s.id, name: s.name, start: s.start, end: s.end })),
    features: FEATURES.map((d, index) => ({
      index,
      name: d.name,
      section: sectionOf(index),
      driver: defaultDriverOf(index),
      unit: d.unit,
      description: d.description,
    })),
    drivers: DEFAULT_DRIVERS.map((d) => ({
      name: d.name,
      description: d.description,
      reading: d.reading,
    })),
  };
}

/** SHA-256 of the canonical content (the `hash` key, if present, is left out). */
export function manifestHash(content: FeatureManifestContent): string {
  const { schema, dimension, sections, features, drivers } = content;
  return sha256Hex(canonicalJson({ schema, dimension, sections, features, drivers }));
}

export function sectionOf(index: number): SectionId {
  const s = SECTIONS.find((x) => index >= x.start && index <= x.end);
  if (s === undefined) throw new RangeError(`index outside the vector: ${index}`);
  return s.id;
}

export type ManifestParse =
  | { readonly ok: true; readonly manifest: FeatureManifest }
  | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Validates an untrusted manifest: schema tag, dimension 144, the six sections, every index
 * 0…143 exactly once with a unique snake_case name, every feature's driver declared, every driver
 * owning at least one feature, readings well-formed with indices in range, and (unless
 * `verifyHash` is false) the hash matching the content.
 */
export function parseFeatureManifest(
  input: unknown,
  options: { readonly verifyHash?: boolean } = {},
): ManifestParse {
  const errors: string[] = [];
  if (!isRecord(input)) return { ok: false, errors: ['manifest must be a JSON object'] };
  if (input['schema'] !== FEATURE_MANIFEST_SCHEMA)
    errors.push(`schema must be "${FEATURE_MANIFEST_SCHEMA}"`);
  const dimension = input['dimension'];
  if (dimension !== VECTOR_DIMENSION) errors.push(`dimension must be ${VECTOR_DIMENSION}`);
  const hash = input['hash'];
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash))
    errors.push('hash must be 64 lowercase hex digits');

  const sections = parseSections(input['sections'], errors);
  const drivers = parseDrivers(input['drivers'], errors);
  const features = parseFeatures(input['features'], errors);

  if (drivers !== null && features !== null) {
    const names = new Set(drivers.map((d) => d.name));
    const used = new Set<string>();
    for (const feat of features) {
      if (!names.has(feat.driver))
        errors.push(`features[${feat.index}].driver: unknown driver "${feat.driver}"`);
      used.add(feat.driver);
    }
    for (const d of drivers)
      if (!used.has(d.name)) errors.push(`driver "${d.name}" has no feature`);
  }
  if (sections !== null && features !== null) {
    for (const feat of features) {
      const s = sections.find((x) => feat.index >= x.start && feat.index <= x.end);
      if (s === undefined || s.id !== feat.section)
        errors.push(
          `features[${feat.index}].section: "${feat.section}" does not match the section ranges`,
        );
    }
  }
  if (
    errors.length > 0 ||
    sections === null ||
    drivers === null ||
    features === null ||
    typeof hash !== 'string'
  ) {
    return { ok: false, errors };
  }
  const manifest: FeatureManifest = {
    schema: FEATURE_MANIFEST_SCHEMA,
    dimension: VECTOR_DIMENSION,
    sections,
    features,
    drivers,
    hash,
  };
  if (options.verifyHash !== false && manifestHash(manifest) !== hash) {
    return {
      ok: false,
      errors: [
        'hash does not match the manifest content (regenerate it with npm run manifest:features)',
      ],
    };
  }
  return { ok: true, manifest };
}

function parseSections(raw: unknown, errors: string[]): ManifestSection[] | null {
  if (!Array.isArray(raw) || raw.length !== SECTION_IDS.length) {
    errors.push(`sections must be an array of ${SECTION_IDS.length}`);
    return null;
  }
  const out: ManifestSection[] = [];
  let next = 0;
  raw.forEach((s: unknown, i) => {
    const id = SECTION_IDS[i];
    if (
      !isRecord(s) ||
      s['id'] !== id ||
      typeof s['name'] !== 'string' ||
      s['name'] === '' ||
      s['start'] !== next ||
      typeof s['end'] !== 'number' ||
      !Number.isInteger(s['end']) ||
      s['end'] < next
    ) {
      errors.push(`sections[${i}] must be {id: "${id}", name, start: ${next}, end ≥ start}`);
      return;
    }
    out.push({ id, name: s['name'], start: next, end: s['end'] });
    next = s['end'] + 1;
  });
  if (out.length === SECTION_IDS.length && next !== VECTOR_DIMENSION)
    errors.push(`sections must end at ${VECTOR_DIMENSION - 1}`);
  return out.length === SECTION_IDS.length ? out : null;
}

function parseDrivers(raw: unknown, errors: string[]): ManifestDriver[] | null {
  if (!Array.isArray(raw) || raw.length === 0) {
    errors.push('drivers must be a non-empty array');
    return null;
  }
  const out: ManifestDriver[] = [];
  const seen = new Set<string>();
  raw.forEach((d: unknown, i) => {
    if (
      !isRecord(d) ||
      typeof d['name'] !== 'string' ||
      d['name'].trim() === '' ||
      typeof d['description'] !== 'string'
    ) {
      errors.push(`drivers[${i}] must have a non-empty name and a description`);
      return;
    }
    if (seen.has(d['name'])) errors.push(`drivers[${i}].name: duplicate "${d['name']}"`);
    seen.add(d['name']);
    const reading = parseReadingExpr(d['reading'], `drivers[${i}].reading`, VECTOR_DIMENSION);
    if ('error' in reading) {
      errors.push(reading.error);
      return;
    }
    if (readingIndices(reading).length === 0) errors.push(`drivers[${i}].reading reads no feature`);
    out.push({ name: d['name'], description: d['description'], reading });
  });
  return out.length === raw.length ? out : null;
}

const SNAKE = /^[a-z][a-z0-9_]*(-[0-9]+)?[a-z0-9_]*$/;

function parseFeatures(raw: unknown, errors: string[]): ManifestFeature[] | null {
  if (!Array.isArray(raw) || raw.length !== VECTOR_DIMENSION) {
    errors.push(`features must be an array of ${VECTOR_DIMENSION}`);
    return null;
  }
  const out: ManifestFeature[] = [];
  const names = new Set<string>();
  raw.forEach((x: unknown, i) => {
    if (!isRecord(x)) {
      errors.push(`features[${i}] must be an object`);
      return;
    }
    const { index, name, section, driver, unit, description } = x;
    if (index !== i)
      errors.push(
        `features[${i}].index must be ${i} (each index 0…${VECTOR_DIMENSION - 1} exactly once, in order)`,
      );
    if (typeof name !== 'string' || !SNAKE.test(name))
      errors.push(`features[${i}].name must be snake_case`);
    else if (names.has(name)) errors.push(`features[${i}].name: duplicate "${name}"`);
    else names.add(name);
    const sectionId = SECTION_IDS.find((s) => s === section);
    if (sectionId === undefined)
      errors.push(`features[${i}].section must be one of ${SECTION_IDS.join(', ')}`);
    if (typeof driver !== 'string') errors.push(`features[${i}].driver must be a string`);
    if (typeof unit !== 'string') errors.push(`features[${i}].unit must be a string`);
    if (typeof description !== 'string') errors.push(`features[${i}].description must be a string`);
    if (
      index === i &&
      typeof name === 'string' &&
      sectionId !== undefined &&
      typeof driver === 'string' &&
      typeof unit === 'string' &&
      typeof description === 'string'
    ) {
      out.push({ index: i, name, section: sectionId, driver, unit, description });
    }
  });
  return out.length === VECTOR_DIMENSION ? out : null;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
