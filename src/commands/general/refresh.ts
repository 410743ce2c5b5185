import type { CommandSpec } from '../commandSpec';

/**
 * Reloads every VirtualBox view at once (the views also poll while visible). The extension's refresh request
 * returns a promise at run time; returning it lets the command wrapper wait for the reload.
 */
export const refresh: CommandSpec = {
    id: 'virtualbox.refresh',
    create: (services) => () => services.refresh.request('manual') as unknown,
};
