import { hashprice } from '../economics/hashprice';
import { normaliseGpuModel, type PlanInputs } from './inputs';
import type { AllocationOverrides } from './request';

/**
 * What-if overrides on a plan's inputs, pure (no I/O, no clock): the server applies them to the
 * inputs it just read, the browser to `plan.inputs`. `hashpriceUsdPerPhDay` wins over the three
 * inputs it is computed from; a single $/MWh is that price for every interval; an array gives one
 * price per hour from the start of the horizon (hours beyond it keep the loaded prices); GPU rates
 * are matched on the GPU model, case-insensitively.
 */

export type OverrideIssue = { path: string; message: string };

/** Overrides that cannot apply to these inputs (unknown site, too many hours, no hashprice basis). */
export class AllocationOverrideError extends Error {
  constructor(readonly issues: OverrideIssue[]) {
    super(`invalid overrides: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'AllocationOverrideError';
  }
}

/** Utilisation assumed for a GPU model that had no rental rate before the override. */
const DEFAULT_UTILISATION = 0.6;

export function applyOverrides(inputs: PlanInputs, overrides: AllocationOverrides | undefined): PlanInputs {
  if (!overrides) return assertHashprice(inputs);
  const issues: OverrideIssue[] = [];
  const instance = { ...inputs.instance };
  const basis = { ...inputs.basis, priceSources: { ...inputs.basis.priceSources } };

  if (overrides.hashpriceUsdPerPhDay !== undefined) {
    basis.hashpriceUsdPerPhDay = overrides.hashpriceUsdPerPhDay;
    basis.hashpriceSource = 'override';
  } else if (
    overrides.btcUsd !== undefined ||
    overrides.difficulty !== undefined ||
    overrides.feesBtcPerBlock !== undefined
  ) {
    const btcUsd = overrides.btcUsd ?? basis.btcUsd;
    const difficulty = overrides.difficulty ?? basis.difficulty;
    const feesBtcPerBlock = overrides.feesBtcPerBlock ?? basis.feesBtcPerBlock;
    const missing = Object.entries({ btcUsd, difficulty, feesBtcPerBlock })
      .filter(([, v]) => v === null)
      .map(([k]) => k);
    if (missing.length) {
      issues.push({
        path: 'overrides',
        message: `the market has no ${missing.join(', ')}: give them too, or hashpriceUsdPerPhDay`,
      });
    } else {
      basis.btcUsd = btcUsd;
      basis.difficulty = difficulty;
      basis.feesBtcPerBlock = feesBtcPerBlock;
      basis.hashpriceUsdPerPhDay = hashprice({
        btcUsd: btcUsd!,
        difficulty: difficulty!,
        feesBtcPerBlock: feesBtcPerBlock!,
        subsidyBtc: basis.subsidyBtc,
      }).usdPerPhDay;
      basis.hashpriceSource = 'override';
    }
  }

  if (overrides.priceUsdPerMwh) {
    const perHour = 60 / instance.intervalMin;
    const sites = instance.sites.map((s) => ({ ...s }));
    for (const [siteId, value] of Object.entries(overrides.priceUsdPerMwh)) {
      const site = sites.find((s) => s.siteId === siteId);
      if (!site) {
        issues.push({ path: `overrides.priceUsdPerMwh.${siteId}`, message: 'site is not in this plan' });
        continue;
      }
      const prices = [...site.priceUsdPerMwh];
      const sources = [...(basis.priceSources[siteId] ?? prices.map(() => 'known' as const))];
      if (typeof value === 'number') {
        prices.fill(value);
        sources.fill('override');
      } else {
        const hours = Math.ceil(instance.intervals / perHour);
        if (value.length > hours) {
          issues.push({
            path: `overrides.priceUsdPerMwh.${siteId}`,
            message: `${value.length} hourly prices for a ${hours}-hour horizon`,
          });
          continue;
        }
        for (let t = 0; t < instance.intervals; t++) {
          const h = Math.floor(t / perHour);
          if (h < value.length) {
            prices[t] = value[h]!;
            sources[t] = 'override';
          }
        }
      }
      site.priceUsdPerMwh = prices;
      basis.priceSources[siteId] = sources;
    }
    instance.sites = sites;
  }

  if (overrides.gpuUsdPerHour) {
    const rental = instance.rental.map((r) => ({ ...r }));
    const utilisation = rental[0]?.utilisation ?? DEFAULT_UTILISATION;
    basis.gpuUsdPerHour = { ...basis.gpuUsdPerHour };
    for (const [model, usd] of Object.entries(overrides.gpuUsdPerHour)) {
      const key = normaliseGpuModel(model);
      basis.gpuUsdPerHour[key] = usd;
      const existing = rental.find((r) => r.gpuModel === key);
      if (existing) existing.usdPerGpuH = usd;
      else rental.push({ gpuModel: key, usdPerGpuH: usd, utilisation });
    }
    instance.rental = rental;
  }

  if (issues.length) throw new AllocationOverrideError(issues);
  return assertHashprice({ ...inputs, instance, basis });
}

function assertHashprice(inputs: PlanInputs): PlanInputs {
  const hp = inputs.basis.hashpriceUsdPerPhDay;
  if (hp === null) {
    throw new AllocationOverrideError([
      {
        path: 'overrides.hashpriceUsdPerPhDay',
        message: 'the market store has no hashprice yet (BTC price, difficulty or fees missing): give one',
      },
    ]);
  }
  return { ...inputs, instance: { ...inputs.instance, hashpriceUsdPerPhDay: hp } };
}
