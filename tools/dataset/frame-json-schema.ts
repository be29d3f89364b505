import { LEVEL_FRAME_SCHEMA } from '../../src/domain/frame/level-frame';
import {
  FieldSpec,
  LEVEL_FRAME_FIELDS,
  LEVEL_FRAME_FIELD_NAMES,
} from '../../src/domain/frame/level-frame-fields';

/** JSON Schema (draft 2020-12) of `level-frame/1`, derived from the validator's field table. */
export function frameJsonSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const name of LEVEL_FRAME_FIELD_NAMES)
    properties[name] = propertySchema(LEVEL_FRAME_FIELDS[name]);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://pentaview.local/schemas/level-frame-1.json',
    title: LEVEL_FRAME_SCHEMA,
    description:
      'One level-state frame per (timestamp, level), every 30 s from 09:30 to 12:30 ET. Generated from src/domain/frame/level-frame-fields.ts by `npm run schema:frame`; do not edit. Extra keys are tolerated (the validator reports them).',
    type: 'object',
    required: [...LEVEL_FRAME_FIELD_NAMES],
    additionalProperties: true,
    properties,
  };
}

function propertySchema(spec: FieldSpec): Record<string, unknown> {
  switch (spec.kind) {
    case 'number': {
      const s: Record<string, unknown> = {
        type: spec.nullable
          ? [spec.integer === true ? 'integer' : 'number', 'null']
          : spec.integer === true
            ? 'integer'
            : 'number',
      };
      if (spec.min !== undefined) s['minimum'] = spec.min;
      if (spec.max !== undefined) s['maximum'] = spec.max;
      if (spec.exclusiveMin !== undefined) s['exclusiveMinimum'] = spec.exclusiveMin;
      s['description'] = `${spec.description} Unit: ${spec.unit}.`;
      return s;
    }
    case 'boolean':
      return { type: 'boolean', description: spec.description };
    case 'enum':
      return { type: 'string', enum: [...spec.values], description: spec.description };
    case 'string':
      switch (spec.format) {
        case 'const':
          return { type: 'string', const: spec.value, description: spec.description };
        case 'date-time':
          return {
            type: 'string',
            format: 'date-time',
            pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$',
            description: spec.description,
          };
        case 'date':
          return {
            type: 'string',
            format: 'date',
            pattern: '^\\d{4}-\\d{2}-\\d{2}$',
            description: spec.description,
          };
      }
  }
}
