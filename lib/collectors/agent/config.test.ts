import { describe, expect, it } from 'vitest';
import { parseAgentConfig } from './config';

const noFile = () => {
  throw new Error('no such file');
};

describe('agent configuration', () => {
  it('reads flags', () => {
    const parsed = parseAgentConfig(
      [
        '--server',
        'http://dash.lan:3000',
        '--token',
        'T',
        '--site',
        '4',
        '--max-buffer-mb',
        '0.5',
        '--name',
        'rack-a',
      ],
      {},
      noFile,
    );
    expect(parsed).toMatchObject({
      help: false,
      options: {
        server: 'http://dash.lan:3000',
        token: 'T',
        siteId: 4,
        name: 'rack-a',
        bufferPath: 'data/agent-site-4.db',
        maxBufferBytes: 524_288,
      },
    });
  });

  it('takes the token from the environment and flags over the config file', () => {
    const file = JSON.stringify({
      server: 'https://dash.example',
      site: 2,
      intervalS: 10,
      token: 'from-file',
    });
    const parsed = parseAgentConfig(
      ['--config', 'a.json', '--site', '3'],
      { SWITCHYARD_AGENT_TOKEN: 'env' },
      () => file,
    );
    expect(parsed).toMatchObject({ options: { siteId: 3, token: 'from-file', intervalMs: 10_000 } });
    const envToken = parseAgentConfig(
      ['--server', 'http://x', '--site', '1'],
      { SWITCHYARD_AGENT_TOKEN: 'env' },
      noFile,
    );
    expect(envToken).toMatchObject({ options: { token: 'env' } });
  });

  it.each([
    [['--server', 'ftp://x', '--token', 't', '--site', '1'], 'server'],
    [['--server', 'http://x', '--site', '1'], 'token'],
    [['--server', 'http://x', '--token', 't', '--site', 'x'], 'site'],
    [['--server', 'http://x', '--token', 't', '--site', '1', '--max-buffer-mb=0'], 'maxBufferMb'],
    [['--bogus'], 'Unknown option'],
    [['--config', 'missing.json'], 'missing.json'],
  ])('refuses %j naming %s', (argv, what) => {
    const parsed = parseAgentConfig(argv, {}, noFile);
    expect('error' in parsed && parsed.error).toContain(what);
  });
});
