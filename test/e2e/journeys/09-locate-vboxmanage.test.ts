import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { screenshot, session } from '../support/session';
import { eventually, uniqueName } from '../support/vboxManage';

describe('(e2e) journey 9: a wrong VBoxManage path is explained, and Locate VBoxManage… fixes it', function () {
    const name = uniqueName('located');
    let originalSettings = '';

    /** The machine settings code-server keeps virtualbox.vboxManagePath in (the setting is machine-scoped). */
    const readSettings = () => JSON.parse(readFileSync(session().machineSettingsFile, 'utf8')) as Record<string, unknown>;

    before(async function () {
        const { vbox, machineSettingsFile } = session();
        await vbox.createVm(name);
        originalSettings = readFileSync(machineSettingsFile, 'utf8');
    });

    after(async function () {
        this.timeout(120_000);
        const { vbox, workbench, machineSettingsFile } = session();
        // Whatever happened, the next journeys get the real VBoxManage back.
        if (readSettings()['virtualbox.vboxManagePath'] !== vbox.executable) {
            writeFileSync(machineSettingsFile, originalSettings);
            await workbench.row('Machines', [name], { timeoutMs: 60_000 }).catch(() => undefined);
        }
        await vbox.removeVm(name);
    });

    it('the views explain that VBoxManage is not found; the file picked with Locate VBoxManage… brings the VMs back', async function () {
        this.timeout(300_000);
        const { workbench, vbox, machineSettingsFile, workDir } = session();
        await workbench.row('Machines', [name]);

        // The setting points at a file that is not a program (edited by hand in settings.json, say).
        const wrong = path.join(workDir, 'not-virtualbox', 'VBoxManage');
        mkdirSync(path.dirname(wrong), { recursive: true });
        writeFileSync(wrong, 'not a program\n');
        writeFileSync(machineSettingsFile, JSON.stringify({ ...readSettings(), 'virtualbox.vboxManagePath': wrong }, null, 4));

        const welcome = workbench.pane('Machines').locator('.welcome-view-content');
        await welcome.waitFor({ timeout: 60_000 });
        assert.match(await welcome.innerText(), /VBoxManage, the command-line tool that comes with VirtualBox, was not found/);
        assert.match(await welcome.innerText(), /virtualbox\.vboxManagePath/);
        await workbench.noRow('Machines', [name]);
        await screenshot('journey-09-vboxmanage-not-found', { docsImage: 'journey-09-vboxmanage-not-found.png' });

        // Locate VBoxManage… opens VS Code's file picker (in the browser: a path typed into a quick input).
        await welcome.locator('.monaco-button', { hasText: 'Locate VBoxManage…' }).click();
        await workbench.waitForQuickInput('Locate VBoxManage');
        // The picker opens at the current (wrong) file and lists its folder: typed before that, the path is replaced.
        await workbench.quickInput.locator('.quick-input-list .monaco-list-row').first().waitFor();
        const box = workbench.quickInput.locator('.quick-input-box input');
        await eventually(async () => {
            await box.fill(vbox.executable);
            await workbench.page.waitForTimeout(500);
            assert.equal(await box.inputValue(), vbox.executable);
        });
        await box.press('Enter');

        await eventually(() => Promise.resolve(assert.equal(readSettings()['virtualbox.vboxManagePath'], vbox.executable, 'the setting holds the picked file')), {
            timeoutMs: 30_000,
        });
        await workbench.row('Machines', [name], { timeoutMs: 60_000 });
        await welcome.waitFor({ state: 'hidden' });
        // Every VM VirtualBox lists is back in the view.
        for (const vm of await vbox.vms()) await workbench.row('Machines', await vbox.treePath(vm.uuid));
    });
});
