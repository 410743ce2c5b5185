import type { CommandSpec } from '../commandSpec';

/** Opens the "VirtualBox" log channel: every VBoxManage call and every error. */
export const showLog: CommandSpec = {
    id: 'virtualbox.showLog',
    create: (services) => () => services.showLog(),
};
