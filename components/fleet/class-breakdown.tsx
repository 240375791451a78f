import type { ClassTotals } from '@/lib/api-client/types';
import { formatHashrate, formatNumber, formatPower } from '@/lib/format';

const CLASS_LABELS: Record<string, string> = {
  asic: 'ASIC miners',
  micro: 'Micro-miners',
  gpu: 'GPU servers',
};

export function classLabel(deviceClass: string): string {
  return CLASS_LABELS[deviceClass] ?? deviceClass;
}

/** Inventory by device class with what each class delivers now. */
export function ClassBreakdown({ classes }: { classes: readonly ClassTotals[] }) {
  return (
    <table aria-label="Devices by class" className="w-full text-xs" data-testid="class-breakdown">
      <thead>
        <tr className="text-muted-foreground">
          <th scope="col" className="py-1 text-left font-medium">
            Class
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Devices
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Hashrate
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Power
          </th>
        </tr>
      </thead>
      <tbody>
        {classes.map((row) => (
          <tr key={row.class} className="border-t">
            <th scope="row" className="py-1.5 text-left font-normal">
              {classLabel(row.class)}
            </th>
            <td className="py-1.5 text-right">
              {formatNumber(row.devices)}
              <span className="text-muted-foreground"> ({formatNumber(row.reporting)} live)</span>
            </td>
            <td className="py-1.5 text-right">
              {row.class === 'gpu' ? '—' : formatHashrate(row.hashrateThs)}
            </td>
            <td className="py-1.5 text-right">{formatPower(row.powerW)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
