import { connectVirtualBox } from './connect';
import { coverageReport } from './coverage';

/**
 * Finds VirtualBox once for the whole integration run (a root-level hook: this file is loaded before the specs, by
 * the same loader, so they share one testEnv).
 */
before(async function () {
    await connectVirtualBox(this);
});

after(async function () {
    console.log(await coverageReport());
});
