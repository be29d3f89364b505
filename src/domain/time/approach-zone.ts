import { LevelFrame } from '../frame/level-frame';
import { APPROACH_ZONE_ATR } from './distance-label';

/** True when a distance (in ATR) lies in the approach zone, |d| ≤ 2.0. */
export function inApproachZone(distanceSignedAtr: number): boolean {
  return Math.abs(distanceSignedAtr) <= APPROACH_ZONE_ATR;
}

/**
 * True when the frame gets a prediction: its level is active and spot is in the approach zone.
 * An inactive level (OR levels before 09:45) is never in the zone.
 */
export function inZone(frame: Pick<LevelFrame, 'level_active' | 'distance_signed_atr'>): boolean {
  return frame.level_active && inApproachZone(frame.distance_signed_atr);
}
