/**
 * Distance labels shown next to a level (domain §6): by |distance_signed_atr|.
 * Very Close < 0.25 ATR, Close < 0.75 ATR, Approaching ≤ 2 ATR (the approach zone), else Far.
 */
export const DISTANCE_LABELS = ['Very Close', 'Close', 'Approaching', 'Far'] as const;
export type DistanceLabel = (typeof DISTANCE_LABELS)[number];

export const VERY_CLOSE_ATR = 0.25;
export const CLOSE_ATR = 0.75;
/** Half-width of the approach zone in ATR: |distance_signed_atr| ≤ 2. */
export const APPROACH_ZONE_ATR = 2.0;

export function distanceLabel(distanceSignedAtr: number): DistanceLabel {
  const d = Math.abs(distanceSignedAtr);
  if (d < VERY_CLOSE_ATR) return 'Very Close';
  if (d < CLOSE_ATR) return 'Close';
  if (d <= APPROACH_ZONE_ATR) return 'Approaching';
  return 'Far';
}
