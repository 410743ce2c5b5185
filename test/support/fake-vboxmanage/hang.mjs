#!/usr/bin/env node
// A VBoxManage that never answers, whatever it is asked: for the runner's timeout. It appends its PID to the file
// named by FAKE_VBOXMANAGE_PIDFILE (so a test can check that the process is gone afterwards) and, with
// FAKE_VBOXMANAGE_IGNORE_SIGTERM=1, ignores the polite SIGTERM, so only the runner's forced kill can end it.
import { appendFileSync } from 'node:fs';

if (process.env.FAKE_VBOXMANAGE_PIDFILE) appendFileSync(process.env.FAKE_VBOXMANAGE_PIDFILE, `${process.pid}\n`);
if (process.env.FAKE_VBOXMANAGE_IGNORE_SIGTERM === '1') process.on('SIGTERM', () => undefined);
setInterval(() => undefined, 1_000);
