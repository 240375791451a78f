import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningFake } from './cgminer-fake';

export type DcgmFakeOptions = {
  gpus: number;
  /** 1.x names (`dcgm_gpu_temp`, `uuid` label) instead of DCGM_FI_*. */
  oldNamespace?: boolean;
  /** Pre-4.5.2 exporters print the DCGM blank sentinel for unsupported fields (§4.4). */
  sentinel?: boolean;
  utilPct?: () => number;
};

const SENTINEL = '9223372036854775794';

/** Renders /metrics the way dcgm-exporter's template does (§4.3): %f doubles, HELP/TYPE per family. */
export function dcgmMetrics(opts: DcgmFakeOptions, nowMs: number): string {
  const util = opts.utilPct?.() ?? 97;
  const fam = opts.oldNamespace
    ? {
        util: 'dcgm_gpu_utilization',
        power: 'dcgm_power_usage',
        temp: 'dcgm_gpu_temp',
        fb: 'dcgm_fb_used',
        mem: 'dcgm_memory_temp',
        energy: 'dcgm_total_energy_consumption',
        xid: 'dcgm_xid_errors',
      }
    : {
        util: 'DCGM_FI_DEV_GPU_UTIL',
        power: 'DCGM_FI_DEV_POWER_USAGE',
        temp: 'DCGM_FI_DEV_GPU_TEMP',
        fb: 'DCGM_FI_DEV_FB_USED',
        mem: 'DCGM_FI_DEV_MEMORY_TEMP',
        energy: 'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION',
        xid: 'DCGM_FI_DEV_XID_ERRORS',
      };
  const uuidLabel = opts.oldNamespace ? 'uuid' : 'UUID';
  const labels = (g: number) =>
    `{gpu="${g}",${uuidLabel}="GPU-00000000-0000-4000-8000-${String(g).padStart(12, '0')}",pci_bus_id="00000000:0${g + 1}:00.0",device="nvidia${g}",modelName="NVIDIA H100 80GB HBM3",Hostname="gpu-node"}`;
  const value = {
    util: () => String(Math.round(util)),
    power: () => (120 + 5.8 * util).toFixed(6),
    temp: () => String(Math.round(35 + 0.4 * util)),
    fb: () => String(Math.round(800 * util)),
    mem: () => (opts.sentinel ? SENTINEL : ''),
    energy: () => String(Math.round(nowMs / 10)),
    xid: () => '0',
  };
  let out = '';
  for (const [key, name] of Object.entries(fam) as [keyof typeof fam, string][]) {
    out += `# HELP ${name} ${key}\n# TYPE ${name} ${key === 'energy' ? 'counter' : 'gauge'}\n`;
    for (let g = 0; g < opts.gpus; g++) {
      const v = value[key]();
      if (v !== '') out += `${name}${labels(g)} ${v}\n`;
    }
    out += '\n';
  }
  return out;
}

export function startDcgmFake(opts: DcgmFakeOptions, port = 0, host = '127.0.0.1'): Promise<RunningFake> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404);
      return res.end();
    }
    // The exporter sets no Content-Type of its own (§4.1).
    res.writeHead(200, { 'x-content-type-options': 'nosniff' });
    res.end(dcgmMetrics(opts, Date.now()));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
