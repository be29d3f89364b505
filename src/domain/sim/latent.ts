import { SeededRandom } from './seeded-random';

/** One-second step of a unit-variance AR(1) (Ornstein–Uhlenbeck) latent with time constant τ. */
export class Latent {
  private readonly rho: number;
  private readonly innovation: number;
  value = 0;

  constructor(tauSec: number) {
    this.rho = Math.exp(-1 / tauSec);
    this.innovation = Math.sqrt(1 - this.rho * this.rho);
  }

  step(rng: SeededRandom): number {
    this.value = this.value * this.rho + this.innovation * rng.normal();
    return this.value;
  }
}
