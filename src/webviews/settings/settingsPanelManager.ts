import type { Services } from '../../services/services';
import { PanelRegistry } from '../shared/panelRegistry';
import { DraftStore } from './draftStore';
import { SettingsPanel, type SettingsEditorTarget } from './settingsPanel';

/** The settings editors: one tab per VM (opening it again focuses that tab), and the drafts of closed ones. */
export class SettingsPanelManager {
    private readonly registry = new PanelRegistry<SettingsPanel>();
    private readonly drafts = new DraftStore();

    constructor(private readonly services: Services) {}

    open(target: SettingsEditorTarget): SettingsPanel {
        return this.registry.openOrReveal(target.uuid, () => new SettingsPanel(this.services, target, this.drafts, (uuid) => this.reopen(uuid, target.name)));
    }

    panelFor(vmUuid: string): SettingsPanel | undefined {
        return this.registry.get(vmUuid);
    }

    hasKeptDraft(vmUuid: string): boolean {
        return this.drafts.has(vmUuid);
    }

    private reopen(uuid: string, name: string): void {
        this.open({ uuid, name });
    }
}
