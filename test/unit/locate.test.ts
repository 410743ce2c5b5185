import { strict as assert } from 'node:assert';
import { candidatePaths, locateSshClient, locateVBoxManage, type LocateEnvironment } from '../../src/vbox/locate';
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

describe('(unit) locateSshClient', () => {
    it('takes ssh from PATH, in PATH order, and on Windows ssh.exe from the OpenSSH folder of the system', async () => {
        assert.equal(await locateSshClient('', environment('linux', { PATH: '/a:/b' }, ['/b/ssh', '/usr/bin/ssh'])), '/b/ssh');
        assert.equal(await locateSshClient(undefined, environment('linux', { PATH: '/a' }, ['/usr/bin/ssh'])), '/usr/bin/ssh');
        const windows = environment('win32', { Path: 'C:\\Tools' }, ['C:\\Windows\\System32\\OpenSSH\\ssh.exe']);
        assert.equal(await locateSshClient(undefined, windows), 'C:\\Windows\\System32\\OpenSSH\\ssh.exe');
    });

    it('uses the setting alone: a configured ssh that does not exist is named, not replaced by the one on PATH', async () => {
        const env = environment('linux', { PATH: '/usr/bin' }, ['/usr/bin/ssh', '/opt/ssh/bin/ssh']);
        assert.equal(await locateSshClient(' /opt/ssh/bin/ssh ', env), '/opt/ssh/bin/ssh');
        await assert.rejects(locateSshClient('/wrong/ssh', env), (error: VBoxError) => {
            assert.equal(error.code, 'SSH_CLIENT_MISSING');
            assert.match(error.message, /"virtualbox\.sshPath" \(\/wrong\/ssh\)/);
            return true;
        });
    });

    it('without any ssh says how to get one, and lists where it looked', async () => {
        await assert.rejects(locateSshClient('', environment('linux', { PATH: '/a:/a' }, [])), (error: VBoxError) => {
            assert.equal(error.code, 'SSH_CLIENT_MISSING');
            assert.match(error.message, /Install it .*or set "virtualbox\.sshPath"/);
            assert.equal(error.details, 'looked in: /a/ssh, /usr/bin/ssh, /usr/local/bin/ssh');
            return true;
        });
    });
});
