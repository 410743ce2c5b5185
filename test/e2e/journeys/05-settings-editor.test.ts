import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { screenshot, session } from '../support/session';
import { eventually, uniqueName } from '../support/vboxManage';

describe('(e2e) journey 5: the settings editor changes memory, CPUs and port forwarding', function () {
    const name = uniqueName('settings');
    // A host port no other journey or run is likely to use (the rule binds nothing while the VM is off).
    const hostPort = 20_000 + Math.floor(Math.random() * 20_000);

    before(async function () {
        const { vbox } = session();
        await vbox.createVm(name, { memoryMb: 64, cpus: 1 });
        await vbox.run('modifyvm', name, '--nic1', 'nat');
    });

    after(async function () {
        await session().vbox.removeVm(name);
    });

    /** Opens the settings editor from the VM's context menu; returns the page inside its webview. */
    async function openEditor(): Promise<Frame> {
        const { workbench } = session();
        await workbench.contextMenu(await workbench.row('Machines', [name]), 'Edit Settings…');
        await workbench.editorTab(`Settings: ${name}`).waitFor();
        const page = await workbench.webview(new RegExp(`${name}[\\s\\S]*General`));
        await page.locator('#field-system-memoryMb').waitFor({ state: 'attached' });
        return page;
    }

    const tab = (page: Frame, label: string) => page.getByRole('tab', { name: label, exact: true });

    /** A text field of the form (a vscode-elements text field: its input lives in its shadow root). */
    const field = (page: Frame, path: string) => page.locator(`#field-${path.replace(/[^A-Za-z0-9_-]/g, '-')} input`);

    it('applies what was typed; VirtualBox has it; the editor opened again shows it', async function () {
        this.timeout(300_000);
        const { workbench, vbox } = session();
        let page = await openEditor();

        await tab(page, 'System').click();
        await field(page, 'system.memoryMb').fill('96');
        await field(page, 'system.cpus').fill('2');

        await tab(page, 'Network').click();
        await page.getByRole('button', { name: 'Add Rule', exact: true }).click();
        await field(page, 'network.adapters.0.rules.0.name').fill('ssh');
        await field(page, 'network.adapters.0.rules.0.hostPort').fill(String(hostPort));
        await field(page, 'network.adapters.0.rules.0.guestPort').fill('22');
        await page.locator('.summary', { hasText: /^\d+ changes? to apply$/ }).waitFor();
        await screenshot('journey-05-settings-edited', { docsImage: 'journey-05-settings-editor.png' });

        await page.getByRole('button', { name: 'Apply', exact: true }).click();
        await page.locator('.banner.success', { hasText: 'Applied:' }).waitFor({ timeout: 120_000 });
        await page.locator('.summary', { hasText: /^No changes\.$/ }).waitFor();

        const info = await vbox.vmInfo(name);
        assert.equal(info.get('memory'), '96', 'memory applied');
        assert.equal(info.get('cpus'), '2', 'CPUs applied');
        assert.equal(info.get('Forwarding(0)'), `ssh,tcp,,${hostPort},,22`, 'the port-forwarding rule applied');
        await workbench.row('Machines', [name], { description: / · 2 CPUs · 96 MB$/ });

        // Closed and opened again: the editor reads VirtualBox afresh and shows the new values.
        await workbench.runCommand('View: Close All Editors');
        await workbench.editorTab(`Settings: ${name}`).waitFor({ state: 'detached' });
        page = await openEditor();
        await eventually(async () => assert.equal(await field(page, 'system.memoryMb').inputValue(), '96'));
        assert.equal(await field(page, 'system.cpus').inputValue(), '2');
        assert.equal(await field(page, 'network.adapters.0.rules.0.name').inputValue(), 'ssh');
        assert.equal(await field(page, 'network.adapters.0.rules.0.hostPort').inputValue(), String(hostPort));
        assert.equal(await field(page, 'network.adapters.0.rules.0.guestPort').inputValue(), '22');
        await page.locator('.summary', { hasText: /^No changes\.$/ }).waitFor();
    });
});
