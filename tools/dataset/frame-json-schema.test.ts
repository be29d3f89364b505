import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { LEVEL_FRAME_FIELD_NAMES } from '../../src/domain/frame/level-frame-fields';
import { sampleLevelFrame } from '../../src/domain/frame/sample-level-frame';
import { frameJsonSchema } from './frame-json-schema';

function record(value: unknown): Record<string, unknown> {
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value));
  return { ...value };
}

test('the frame schema lists exactly the LevelFrame fields, all required', () => {
  const schema = frameJsonSchema();
  const properties = Object.keys(record(schema['properties'])).sort();
  // sampleLevelFrame() returns an object literal typed LevelFrame: its keys are the interface's.
  const frameKeys = Object.keys(sampleLevelFrame()).sort();
  assert.deepEqual(properties, frameKeys);
  assert.deepEqual([...LEVEL_FRAME_FIELD_NAMES].sort(), frameKeys);
  assert.deepEqual(schema['required'], [...LEVEL_FRAME_FIELD_NAMES]);
  assert.equal(schema['$schema'], 'https://json-schema.org/draft/2020-12/schema');
});

test('the schema carries nullability, enums and ranges from the field table', () => {
  const p = record(frameJsonSchema()['properties']);
  assert.deepEqual(record(p['dist_to_sma_90_atr'])['type'], ['number', 'null']);
  assert.equal(record(p['distance_signed_atr'])['type'], 'number');
  assert.equal(record(p['seq'])['type'], 'integer');
  assert.equal(record(p['atr'])['exclusiveMinimum'], 0);
  assert.equal(record(p['tape_imbalance'])['minimum'], -1);
  assert.equal(record(p['minutes_since_open'])['maximum'], 180);
  assert.deepEqual(record(p['direction'])['enum'], ['UP', 'DOWN']);
  assert.equal(record(p['schema'])['const'], 'level-frame/1');
});

test('docs/frame.schema.json is up to date (npm run schema:frame)', () => {
  const committed: unknown = JSON.parse(readFileSync('docs/frame.schema.json', 'utf8'));
  assert.deepEqual(committed, frameJsonSchema());
});
