import type { Services } from '../../services/services';
import { PanelRegistry } from '../shared/panelRegistry';
import { MonitorPanel } from './monitorPanel';

/** The resource monitors: one tab per VM; opening it again focuses that tab. */
export class MonitorPanelManager {
    private readonly registry = new PanelRegistry<MonitorPanel>();

    constructor(private readonly services: Services) {}

    open(vm: { uuid: string; name: string }): MonitorPanel {
        return this.registry.openOrReveal(vm.uuid, () => new MonitorPanel(this.services, vm));
    }

    panelFor(vmUuid: string): MonitorPanel | undefined {
        return this.registry.get(vmUuid);
    }
}
