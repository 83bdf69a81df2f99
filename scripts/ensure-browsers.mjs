// Makes sure the system browsers the project drives are present (Debian's chromium and
// firefox-esr; test tools cannot download their own browsers here). As root with apt-get, installs
// what is missing; otherwise prints the command to run. Used by `npm start` and `npm test`.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** Debian package per browser binary the project uses. */
const BROWSERS = { chromium: '/usr/bin/chromium', 'firefox-esr': '/usr/bin/firefox-esr' };

/** Returns the names of browsers still missing after trying to install them. */
export function ensureBrowsers(names = Object.keys(BROWSERS)) {
  const missing = names.filter((n) => !existsSync(BROWSERS[n]));
  if (missing.length === 0) return [];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot || !hasApt) {
    console.error(`Missing browsers: ${missing.join(', ')}. Install them with:\n  sudo apt-get update && sudo ${command}`);
    return missing;
  }
  console.log(`Installing ${missing.join(', ')} from Debian's packages (once)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('sh', ['-c', `${command} -qq`], { stdio: 'inherit', env });
  return names.filter((n) => !existsSync(BROWSERS[n]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(ensureBrowsers().length ? 1 : 0);
}
