export type RawLpSolution = {
  status: 'optimal' | 'limit' | 'infeasible' | 'error';
  values: [string, number][];
  objective: number;
  bound: number;
  message: string;
};

export function runHighs(
  highs: unknown,
  lp: string,
  options: { mipRelGap: number; timeLimitS: number },
): RawLpSolution;
