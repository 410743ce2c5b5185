import { strict as assert } from 'node:assert';
import { candidatePaths, locateVBoxManage, type LocateEnvironment } from '../../src/vbox/locate';
import { VBoxError } from '../../src/vbox/errors';

function environment(platform: NodeJS.Platform, env: Record<string, string>, existing: string[]): LocateEnvironment {
    return { platform, env, isExecutable: async (file) => existing.includes(file) };
}

describe('(unit) locateVBoxManage', () => {
    it('prefers the setting', async () => {
        const env = environment('linux', { PATH: '/usr/bin' }, ['/opt/custom/VBoxManage', '/usr/bin/VBoxManage']);
        assert.equal(await locateVBoxManage('/opt/custom/VBoxManage', env), '/opt/custom/VBoxManage');
    });

    it('reports a configured path that does not work instead of falling back', async () => {
        const env = environment('linux', { PATH: '/usr/bin' }, ['/usr/bin/VBoxManage']);
        await assert.rejects(locateVBoxManage('/wrong/VBoxManage', env), (error: VBoxError) => {
            assert.equal(error.code, 'VBOXMANAGE_MISSING');
            assert.match(error.message, /\/wrong\/VBoxManage/);
            return true;
        });
    });

    it('searches PATH on Linux, then the default folders', async () => {
        assert.equal(await locateVBoxManage(undefined, environment('linux', { PATH: '/a:/b' }, ['/b/VBoxManage'])), '/b/VBoxManage');
        assert.equal(await locateVBoxManage(undefined, environment('linux', { PATH: '/a' }, ['/usr/lib/virtualbox/VBoxManage'])), '/usr/lib/virtualbox/VBoxManage');
    });

    it('uses VBOX_MSI_INSTALL_PATH (with its trailing backslash) and the Program Files default on Windows', async () => {
        const msi = environment('win32', { Path: 'C:\\Windows', VBOX_MSI_INSTALL_PATH: 'D:\\VBox\\' }, ['D:\\VBox\\VBoxManage.exe']);
        assert.equal(await locateVBoxManage(undefined, msi), 'D:\\VBox\\VBoxManage.exe');
        const fallback = environment('win32', { Path: 'C:\\Windows' }, ['C:\\Program Files\\Oracle\\VirtualBox\\VBoxManage.exe']);
        assert.equal(await locateVBoxManage(undefined, fallback), 'C:\\Program Files\\Oracle\\VirtualBox\\VBoxManage.exe');
    });

    it('finds the app bundle on macOS and VBOX_INSTALL_PATH', async () => {
        const app = environment('darwin', { PATH: '/usr/bin' }, ['/Applications/VirtualBox.app/Contents/MacOS/VBoxManage']);
        assert.equal(await locateVBoxManage(undefined, app), '/Applications/VirtualBox.app/Contents/MacOS/VBoxManage');
        const installPath = environment('darwin', { PATH: '', VBOX_INSTALL_PATH: '/opt/vb' }, ['/opt/vb/VBoxManage']);
        assert.equal(await locateVBoxManage(undefined, installPath), '/opt/vb/VBoxManage');
    });

    it('names every place it looked when nothing is found', async () => {
        await assert.rejects(locateVBoxManage(undefined, environment('linux', { PATH: '/x' }, [])), (error: VBoxError) => {
            assert.equal(error.code, 'VBOXMANAGE_MISSING');
            assert.match(error.details ?? '', /\/x\/VBoxManage.*\/usr\/lib\/virtualbox\/VBoxManage/);
            return true;
        });
    });

    it('lists candidates in order without duplicates', () => {
        const list = candidatePaths(undefined, { platform: 'linux', env: { PATH: '/usr/bin:/usr/bin' } });
        assert.equal(list[0], '/usr/bin/VBoxManage');
        assert.equal(new Set(list).size, list.length);
    });
});
