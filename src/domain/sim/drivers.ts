/** The §5 driver names, in the manifest's order. */
export const DRIVER_NAMES = [
  'Very Close Approach',
  'Clean Setup',
  'Approach Momentum',
  'Order Flow',
  'Flow Acceleration',
  'Tape Aggression',
  'Barrier Weakness',
  'Dealer Short Gamma',
  'Gamma Walls',
  'Level Confluence',
  'Touch History',
  'Session Timing',
  'Volatility Regime',
  'Force Balance',
  'Persistence Trends',
] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

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

export const CONTROL_DRIVERS: readonly DriverName[] = DRIVER_NAMES.filter(
  (name) => !(PLANTED_PLAYERS as readonly string[]).includes(name),
);
