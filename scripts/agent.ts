// The site agent: `npm run agent -- --server URL --token T --site S` (or `--config file.json`).
// Runs next to the miners, polls them, buffers on disk and pushes to the server's ingest API.
import { readFileSync } from 'node:fs';
import { SiteAgent } from '../lib/collectors/agent/agent';
import { AGENT_USAGE, parseAgentConfig } from '../lib/collectors/agent/config';

const config = parseAgentConfig(process.argv.slice(2), process.env, (f) => readFileSync(f, 'utf8'));
if ('error' in config) {
  console.error(`agent: ${config.error}\n${AGENT_USAGE}`);
  process.exit(2);
}
if (config.help) {
  console.log(AGENT_USAGE);
  process.exit(0);
}
const agent = new SiteAgent({
  ...config.options,
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
});
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
await agent.run(stop.signal);
agent.close();
console.log(`${new Date().toISOString()} [agent] stopped; the backlog stays in the buffer for the next run`);
