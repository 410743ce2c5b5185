import type { Services } from '../../services/services';
import { MonitorPanelManager } from '../../webviews/monitor/monitorPanelManager';
import { SettingsPanelManager } from '../../webviews/settings/settingsPanelManager';

export interface WebviewManagers {
    readonly settings: SettingsPanelManager;
    readonly monitor: MonitorPanelManager;
}

const managers = new WeakMap<Services, WebviewManagers>();

/** The panel managers, one set per extension activation (the commands and the test hook share them). */
export function webviewManagers(services: Services): WebviewManagers {
    let found = managers.get(services);
    if (!found) {
        found = { settings: new SettingsPanelManager(services), monitor: new MonitorPanelManager(services) };
        managers.set(services, found);
    }
    return found;
}
