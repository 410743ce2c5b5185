import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-form-helper/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { settingsToPage, type SettingsToHost } from '../../webviews/settings/protocol';
import { connect } from '../shared/vscodeApi';
import { SettingsEditor } from './settingsEditor';
import './styles.css';

const root = document.getElementById('app');
if (root) {
    root.textContent = 'Reading the VM…';
    // The page posts through the channel; the channel hands the host's messages to the page.
    const editor: SettingsEditor = new SettingsEditor(root, (message) => channel.post(message));
    const channel = connect<SettingsToHost, typeof settingsToPage>(settingsToPage, (message) => editor.receive(message));
    channel.post({ method: 'ready', params: {} });
}
