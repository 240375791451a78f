// Avalon power control through `ascset|0,worklevel,set,N` (reference §1.6, from pyasic/asic-rs
// fixtures). The firmware takes a work level, not watts. Tools in the wild name three levels
// (0 low, 1 medium, 2 high); the power of each level relative to nameplate is not documented —
// the shares below are read off Canaan's published modes (Avalon Q: 800/1300/1674 W; Nano 3:
// about half, three quarters and full power) and are an assumption [U] until checked on hardware.
export const AVALON_LEVEL_SHARE = [0.5, 0.75, 1] as const;

/** The work level whose power is nearest the target, and that level's expected power (W). */
export function avalonLevelFor(
  powerTargetW: number,
  nominalPowerW: number,
): { level: number; expectedW: number } {
  const share = powerTargetW / nominalPowerW;
  let level = 0;
  for (let i = 1; i < AVALON_LEVEL_SHARE.length; i++)
    if (Math.abs(AVALON_LEVEL_SHARE[i]! - share) < Math.abs(AVALON_LEVEL_SHARE[level]! - share)) level = i;
  return { level, expectedW: Math.round(AVALON_LEVEL_SHARE[level]! * nominalPowerW) };
}
