// Runs before `npm start` and `npm test` (prestart, pretest): on a fresh clone, or after package-lock.json changed,
// installs the npm packages first, so that the README's two commands are all a newcomer types. Node built-ins only:
// nothing else is installed yet when this runs.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..', '..');
const lockfile = path.join(repo, 'package-lock.json');
// npm writes this copy of the lockfile at the end of every install: older than the lockfile means out of date.
const installed = path.join(repo, 'node_modules', '.package-lock.json');

const upToDate = existsSync(installed) && statSync(installed).mtimeMs >= statSync(lockfile).mtimeMs;
if (!upToDate) {
    console.log('npm packages missing or out of date: npm ci');
    // The npm that runs this script (npm_execpath), through this Node: no shell, also on Windows.
    const npmCli = process.env.npm_execpath;
    const [file, args] = npmCli ? [process.execPath, [npmCli]] : ['npm', []];
    const result = spawnSync(file, [...args, 'ci', '--no-audit', '--no-fund'], { cwd: repo, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
}
