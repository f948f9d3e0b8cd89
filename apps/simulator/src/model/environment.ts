import type { Rng } from './prng.ts';
import type { Utilities } from './utilities.ts';

/** Stack emissions of the boiler (CEMS), waste-water outlet and boundary noise. */
export class Environment {
  so2MgM3 = 0;
  noxMgM3 = 0;
  pmMgM3 = 0;
  o2Pct = 20.9;
  flueFlowM3h = 0;
  codMgL = 60;
  ph = 7.2;
  wasteWaterM3h = 0;
  noiseDba = 48;

  constructor(private readonly rng: Rng) {}

  step({ utilities, isProducing }: { utilities: Utilities; isProducing: boolean }): void {
    const r = this.rng;
    if (utilities.isBoilerFiring) {
      // Low-NOx gas burner: NOx around 30–45 mg/m³ (limit 50), SO₂ and dust near detection level.
      this.noxMgM3 = 38 + r.between(-6, 6);
      this.so2MgM3 = 4 + r.between(-2, 2);
      this.pmMgM3 = 2.5 + r.between(-1, 1);
      this.o2Pct = 3.5 + r.between(-0.4, 0.4);
      this.flueFlowM3h = utilities.boilerGasM3h * 11.5; // ≈ 11.5 m³ of flue gas per m³ of natural gas
    } else {
      this.noxMgM3 = r.between(0, 1);
      this.so2MgM3 = r.between(0, 0.5);
      this.pmMgM3 = r.between(0, 0.3);
      this.o2Pct = 20.9;
      this.flueFlowM3h = 0;
    }
    // Waste water: COD drifts with painting pretreatment; pH wanders around neutral.
    this.wasteWaterM3h = utilities.waterFlowM3h * 0.8;
    const codTarget = isProducing ? 90 : 45;
    this.codMgL += (codTarget - this.codMgL) / 1800 + r.between(-0.5, 0.5);
    this.ph = Math.min(9, Math.max(6, this.ph + (7.3 - this.ph) / 3600 + r.between(-0.01, 0.01)));
    const noiseTarget = isProducing ? 59 : 47;
    this.noiseDba += (noiseTarget - this.noiseDba) / 120 + r.between(-0.3, 0.3);
  }
}
