import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_DRIVERS } from '../../src/domain/vector/default-drivers';
import { driverGainScale, parseDriverScales } from './driver-gain-scale';
import { recipeOf } from './stats';

test('NAME=SCALE entries parse into a map; the last entry for a driver wins', () => {
  const m = parseDriverScales(['Approach Momentum=0.5', 'Gamma Walls=0', 'Approach Momentum=0.25']);
  assert.deepEqual(
    [...m],
    [
      ['Approach Momentum', 0.25],
      ['Gamma Walls', 0],
    ],
  );
});

test('unknown drivers, malformed entries and scales outside [0, 1] are refused with a message', () => {
  assert.throws(() => parseDriverScales(['Momentum=0.5']), /no driver "Momentum"/);
  assert.throws(() => parseDriverScales(['Approach Momentum']), /expected NAME=SCALE/);
  assert.throws(() => parseDriverScales(['Approach Momentum=x']), /expected NAME=SCALE/);
  assert.throws(() => parseDriverScales(['Approach Momentum=2']), /must lie in \[0, 1\]/);
});

test("a driver's scale reaches exactly its features; the others stay 1", () => {
  const scale = driverGainScale(new Map([['Approach Momentum', 0.3]]));
  const momentum = DEFAULT_DRIVERS.find((d) => d.name === 'Approach Momentum');
  assert.ok(momentum !== undefined);
  const own = new Set<number>();
  for (const [a, b] of momentum.ranges) for (let f = a; f <= b; f++) own.add(f);
  assert.equal(own.size, 24); // 25–46, 59, 60 (domain §5)
  assert.equal(scale.length, 144);
  for (let f = 0; f < 144; f++) assert.equal(scale[f], own.has(f) ? 0.3 : 1);
});

test("the stats command trains its out-of-fold models with the manifest's split-gain scales", () => {
  const manifest = {
    training: {
      params: { nTrees: 10, learningRate: 0.1 },
      driver_gain_scale: { 'Gamma Walls': 0 },
      seed: 3,
    },
  };
  const recipe = recipeOf(manifest);
  assert.equal(recipe.params.nTrees, 10);
  assert.equal(recipe.seed, 3);
  assert.deepEqual(recipe.params.featureGainScale, driverGainScale(new Map([['Gamma Walls', 0]])));
  const plain = recipeOf({ training: { params: { nTrees: 10 } } });
  assert.equal(plain.params.featureGainScale, undefined);
  assert.throws(
    () => recipeOf({ training: { driver_gain_scale: { Nope: 0.5 } } }),
    /no driver "Nope"/,
  );
});
