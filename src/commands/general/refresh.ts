import type { CommandSpec } from '../commandSpec';

/** Reloads every VirtualBox view at once (the views also poll while visible). */
export const refresh: CommandSpec = {
    id: 'virtualbox.refresh',
    create: (services) => () => services.refresh.request('manual'),
};
