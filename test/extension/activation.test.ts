// The extension in real VS Code: it is installed from the development path, activates, registers its log channel, and
// sees the user setting the harness (or runTests.ts) wrote.
import * as assert from 'node:assert/strict';
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './support/waitFor';

const EXTENSION_ID = 'vscode-virtualbox.vscode-virtualbox';

function ourExtension(): vscode.Extension<unknown> {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among the installed extensions`);
    return extension;
}

describe('(extension) activation', () => {
    it('is loaded from the repository under development', () => {
        const extension = ourExtension();
        const manifest = extension.packageJSON as { name?: string; publisher?: string; main?: string };
        assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
        // The bundle VS Code will load exists where the manifest says.
        assert.ok(manifest.main, 'package.json has no "main"');
        accessSync(path.join(extension.extensionUri.fsPath, manifest.main), constants.R_OK);
    });

    it('activates without error', async () => {
        const extension = ourExtension();
        await extension.activate();
        assert.equal(extension.isActive, true);
    });

    it('registers its "VirtualBox" log output channel', async () => {
        await ourExtension().activate();
        // Every output channel gets a "show" command named after its id, `<extension id>.<channel name>`.
        const showCommand = `workbench.action.output.show.${EXTENSION_ID}.VirtualBox`;
        const found = await waitFor(async () => (await vscode.commands.getCommands(false)).includes(showCommand), 10_000);
        assert.ok(found, `no output channel command ${showCommand}`);
        await vscode.commands.executeCommand(showCommand);
    });
});

describe('(extension) settings', () => {
    it('sees virtualbox.vboxManagePath from the user settings, pointing at an executable VBoxManage', () => {
        const inspected = vscode.workspace.getConfiguration('virtualbox').inspect<string>('vboxManagePath');
        assert.ok(inspected, 'virtualbox.vboxManagePath cannot be inspected');
        const value = inspected.globalValue;
        assert.equal(typeof value, 'string', 'the user settings have no virtualbox.vboxManagePath');
        assert.ok(path.isAbsolute(value as string), `not an absolute path: ${value}`);
        // The extension host runs where VirtualBox is: the path must be a program it can run.
        accessSync(value as string, constants.X_OK);
        assert.equal(vscode.workspace.getConfiguration('virtualbox').get('vboxManagePath'), value);
    });
});
