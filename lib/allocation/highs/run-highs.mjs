// Plain JavaScript so the worker thread can load it without a TypeScript loader.
// HiGHS model status codes (HighsModelStatus): 7 optimal, 8 infeasible, 11–17 stopped at a limit.
const OPTIMAL = 7;
const INFEASIBLE = 8;
const LIMITS = new Set([11, 12, 13, 14, 16, 17]);

/** Solves CPLEX LP text; returns plain data (values as [name, value] pairs so it can cross threads). */
export function runHighs(highs, lp, options) {
  return highs.withModel({ format: 'lp', data: lp }, (model) => {
    model.options.set({ output_flag: false, mip_rel_gap: options.mipRelGap, time_limit: options.timeLimitS });
    model.run();
    const status = Number(model.getModelStatus());
    const hasSolution = Number(model.info.get('primal_solution_status')) === 2;
    const values = [];
    if (hasSolution) {
      const col = model.getSolution().colValue;
      for (let i = 0; i < col.length; i++) values.push([model.getColName(i), col[i]]);
    }
    const objective = hasSolution ? model.getObjectiveValue() : Number.NaN;
    const bound = Number(model.info.get('mip_dual_bound'));
    return {
      status:
        status === OPTIMAL
          ? 'optimal'
          : status === INFEASIBLE
            ? 'infeasible'
            : LIMITS.has(status)
              ? 'limit'
              : 'error',
      values,
      objective,
      bound: Number.isFinite(bound) ? bound : objective,
      message: `HiGHS model status ${status}`,
    };
  });
}
