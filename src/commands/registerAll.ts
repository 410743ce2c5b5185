import type * as vscode from 'vscode';
import type { Services } from '../services/services';
import { connectCommands } from './connect';
import { mediaCommands } from './media';
import { networkCommands } from './network';
import { registerCommand } from './registerCommand';
import { sharedFolderCommands } from './sharedFolders';
import { snapshotCommands } from './snapshot';
import { storageCommands } from './storage';
import { vmCommands } from './vm';
import { webviewCommands } from './webviews';

/** The one flat table of commands, registered behind the error wrapper. */
export function registerAllCommands(services: Services): vscode.Disposable[] {
    return [...vmCommands, ...storageCommands, ...mediaCommands, ...networkCommands, ...sharedFolderCommands, ...snapshotCommands, ...connectCommands, ...webviewCommands].map((spec) =>
        registerCommand(spec.id, spec.create(services), services.logger, services.showLog),
    );
}
