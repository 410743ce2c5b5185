import { refreshMediaView } from '../../tree/media';
import type { CommandSpec } from '../commandSpec';

/** Reloads the Media view now (it also reloads after every change and polls while visible). */
export const refreshMediaCommand: CommandSpec = {
    id: 'virtualbox.media.refresh',
    create: () => () => refreshMediaView(),
};
