import type { Services } from '../services/services';
import type { CommandHandler } from './registerCommand';

/** One command: its id (as in package.json) and a handler built from the services. One file per command. */
export interface CommandSpec {
    readonly id: string;
    readonly create: (services: Services) => CommandHandler;
}
