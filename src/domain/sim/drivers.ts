import { DEFAULT_DRIVERS } from '../vector/default-drivers';

/** The §5 driver names, in the manifest's order (one source: the vector's DEFAULT_DRIVERS). */
export const DRIVER_NAMES: readonly string[] = DEFAULT_DRIVERS.map((d) => d.name);
/** A §5 driver name (one of DRIVER_NAMES). */
export type DriverName = string;

/**
 * The players of the generator's break propensity. Every planted cause is tied to one driver;
 * `Hidden` is a latent conviction term no market data reveals (it is part of the generator's
 * probability, so the truth includes it, but a model cannot learn it).
 * Drivers absent here have no planted effect (controls): Approach Momentum, Gamma Walls,
 * Level Confluence, Force Balance, Persistence Trends.
 */
export const PLANTED_PLAYERS = [
  'Very Close Approach',
  'Clean Setup',
  'Order Flow',
  'Flow Acceleration',
  'Tape Aggression',
  'Barrier Weakness',
  'Dealer Short Gamma',
  'Touch History',
  'Session Timing',
  'Volatility Regime',
  'Hidden',
] as const;
export type PlantedPlayer = (typeof PLANTED_PLAYERS)[number];

for (const name of PLANTED_PLAYERS) {
  if (name !== 'Hidden' && !DRIVER_NAMES.includes(name))
    throw new Error(`planted player ${name} is not a driver of the feature manifest`);
}

export const CONTROL_DRIVERS: readonly DriverName[] = DRIVER_NAMES.filter(
  (name) => !(PLANTED_PLAYERS as readonly string[]).includes(name),
);
