import type { CommandSpec } from '../commandSpec';

/** Commands that open the webview editors (VM settings, resource monitor). */
export const webviewCommands: readonly CommandSpec[] = [];
