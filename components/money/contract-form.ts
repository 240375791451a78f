import type { SiteContractPatch } from '@/lib/api-client/site-prices';
import type { ContractDraft, SiteView } from '@/lib/api-client/types';
import { validateTouSchedule } from '@/lib/market/electricity/tou';

/** Form state of the energy contract editor: text inputs stay strings until saved. */
export type BandForm = { days: number[]; fromHour: number; toHour: number; price: string };
export type ContractForm = {
  contractKind: 'fixed' | 'tou' | 'spot';
  fixedPrice: string;
  bands: BandForm[];
  spotSource: string;
  adder: string;
  pue: string;
  poolFeePct: string;
  curtailable: boolean;
  firmPower: boolean;
};

export const DEFAULT_BANDS: BandForm[] = [
  { days: [1, 2, 3, 4, 5], fromHour: 0, toHour: 17, price: '60' },
  { days: [1, 2, 3, 4, 5], fromHour: 17, toHour: 21, price: '120' },
  { days: [1, 2, 3, 4, 5], fromHour: 21, toHour: 24, price: '60' },
  { days: [6, 7], fromHour: 0, toHour: 24, price: '55' },
];

const text = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function formFromSite(site: SiteView): ContractForm {
  return {
    contractKind: site.contractKind,
    fixedPrice: text(site.fixedPriceUsdPerMwh),
    bands: site.touSchedule?.length
      ? site.touSchedule.map((b) => ({
          days: [...b.days],
          fromHour: b.fromHour,
          toHour: b.toHour,
          price: String(b.priceUsdPerMwh),
        }))
      : DEFAULT_BANDS,
    spotSource: site.spotSource ?? '',
    adder: text(site.spotAdderUsdPerMwh),
    pue: text(site.pue),
    poolFeePct: text(site.poolFeePct),
    curtailable: site.curtailable,
    firmPower: site.firmPower,
  };
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function num(
  value: string,
  field: string,
  errors: Record<string, string>,
  check?: (n: number) => string | null,
) {
  const trimmed = value.trim();
  if (!NUMBER.test(trimmed)) {
    errors[field] = 'Enter a number';
    return undefined;
  }
  const n = Number(trimmed);
  const problem = check?.(n) ?? null;
  if (problem) errors[field] = problem;
  return n;
}

export type ParsedContract = {
  patch: SiteContractPatch;
  draft: ContractDraft;
  errors: Record<string, string>;
  coverage: string[];
};

/** Form → PATCH body and preview draft; field errors and TOU coverage problems block saving. */
export function parseContractForm(form: ContractForm): ParsedContract {
  const errors: Record<string, string> = {};
  const draft: ContractDraft = { contractKind: form.contractKind };
  let coverage: string[] = [];
  if (form.contractKind === 'fixed') {
    draft.fixedPriceUsdPerMwh = num(form.fixedPrice, 'fixedPriceUsdPerMwh', errors, (n) =>
      n < -1000 || n > 100_000 ? 'Between −1,000 and 100,000 $/MWh' : null,
    );
  } else if (form.contractKind === 'tou') {
    const bands = form.bands.map((b, i) => ({
      days: b.days,
      fromHour: b.fromHour,
      toHour: b.toHour,
      priceUsdPerMwh: num(b.price, `touSchedule.${i}.priceUsdPerMwh`, errors) ?? 0,
    }));
    form.bands.forEach((b, i) => {
      if (b.days.length === 0) errors[`touSchedule.${i}.days`] = 'Pick at least one weekday';
      if (b.fromHour >= b.toHour) errors[`touSchedule.${i}.toHour`] = 'Must end after it starts';
    });
    if (bands.length === 0) errors.touSchedule = 'Add at least one band';
    const validation = bands.length ? validateTouSchedule(bands) : { ok: true as const };
    coverage = validation.ok ? [] : validation.messages;
    draft.touSchedule = bands;
  } else {
    if (!form.spotSource) errors.spotSource = 'Choose a price source';
    draft.spotSource = form.spotSource || null;
    draft.spotAdderUsdPerMwh = num(form.adder || '0', 'spotAdderUsdPerMwh', errors, (n) =>
      n < -1000 || n > 10_000 ? 'Between −1,000 and 10,000 $/MWh' : null,
    );
  }
  const pue = num(form.pue, 'pue', errors, (n) => (n < 1 || n > 3 ? 'PUE is between 1 and 3' : null));
  const poolFeePct = num(form.poolFeePct, 'poolFeePct', errors, (n) =>
    n < 0 || n > 100 ? 'Between 0 and 100 %' : null,
  );
  return {
    draft,
    patch: { ...draft, pue, poolFeePct, curtailable: form.curtailable, firmPower: form.firmPower },
    errors,
    coverage,
  };
}

/** Server field errors (`[{ path, message }]`) keyed by path, for FormField. */
export function serverFieldErrors(details: unknown): Record<string, string> {
  if (!Array.isArray(details)) return {};
  const out: Record<string, string> = {};
  for (const d of details) {
    if (d && typeof d === 'object' && 'path' in d && 'message' in d)
      out[String(d.path)] ??= String(d.message);
  }
  return out;
}
