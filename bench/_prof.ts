import { replan } from '../lib/allocation/replan';
import { planInputs } from '../lib/allocation/testing/plan-inputs';
import { demoAllocationInput } from './allocation-demo';
const demo = JSON.parse(JSON.stringify(planInputs(demoAllocationInput())));
const xs: number[] = [];
for (let i = 0; i < 20; i++) {
  const c0 = process.cpuUsage();
  replan(demo, { hashpriceUsdPerPhDay: 35 + (i % 7) * 3, priceUsdPerMwh: { trollhattan: 40 + (i % 7) * 10 } });
  const c = process.cpuUsage(c0);
  xs.push((c.user + c.system) / 1000);
}
xs.sort((a, b) => a - b);
console.log('median', xs[10]);
