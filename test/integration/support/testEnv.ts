import { randomBytes } from 'node:crypto';
import type { VBoxManageRunner } from '../../../src/vbox/runner';
import type { FoundVirtualBox } from './findVirtualBox';

/** What the root hook found, shared by every integration suite. */
class TestEnv {
    private found?: FoundVirtualBox;
    private runnerInstance?: VBoxManageRunner;
    version = '';

    init(found: FoundVirtualBox, runner: VBoxManageRunner, version: string): void {
        this.found = found;
        this.runnerInstance = runner;
        this.version = version;
    }

    get vbox(): FoundVirtualBox {
        if (!this.found) throw new Error('integration environment not initialised');
        return this.found;
    }

    get runner(): VBoxManageRunner {
        if (!this.runnerInstance) throw new Error('integration environment not initialised');
        return this.runnerInstance;
    }

    /** A VM or medium name no other test uses: `itest-<label>-<random>`. */
    uniqueName(label: string): string {
        return `itest-${label}-${randomBytes(3).toString('hex')}`;
    }
}

// Mocha's loader under tsx may instantiate this module more than once (setup file and specs); one shared object.
const shared = globalThis as { __vscodeVirtualBoxTestEnv?: TestEnv };
export const testEnv: TestEnv = (shared.__vscodeVirtualBoxTestEnv ??= new TestEnv());
