export const DISCOVERY_PROTOCOLS = ['cgminer', 'axeos', 'dcgm'] as const;
export type DiscoveryProtocol = (typeof DISCOVERY_PROTOCOLS)[number];

/** The port each protocol listens on by default (reference §1.1, §2.1, §4.1). */
export const DEFAULT_PORTS: Record<DiscoveryProtocol, number> = { cgminer: 4028, axeos: 80, dcgm: 9400 };

/** What a device said about itself. Absent fields were not reported. */
export type Identity = {
  vendor: string | null;
  model: string | null;
  firmware: string | null;
  /** Upper-case `AA:BB:CC:DD:EE:FF`. */
  mac: string | null;
  /** A vendor serial or chip id when the API exposes one. */
  serial: string | null;
  hostname: string | null;
};

/** One endpoint that answered a probe, as stored with the scan. */
export type FoundEndpoint = Identity & {
  host: string;
  port: number;
  protocol: DiscoveryProtocol;
  /** The catalogue model this identity maps to, when one fits. */
  suggestedModelId: number | null;
  /** Set when the endpoint speaks the protocol but refused to identify (e.g. AxeOS's 401). */
  error: { kind: string; message: string } | null;
};

/** A found endpoint as the API shows it: matched against the inventory when read. */
export type FoundView = FoundEndpoint & {
  knownDeviceId?: number;
  /** Matched by what: `mac`, `serial` or `endpoint` (host:port). */
  knownBy?: 'mac' | 'serial' | 'endpoint';
};

export type ScanStatus = 'running' | 'done' | 'failed';

export type ScanView = {
  id: number;
  cidr: string;
  ports: number[];
  protocols: DiscoveryProtocol[];
  status: ScanStatus;
  /** 0 … 1 */
  progress: number;
  probed: number;
  total: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  actorName: string;
  found: FoundView[];
};
