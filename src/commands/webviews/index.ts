import type { CommandSpec } from '../commandSpec';
import { editSettings } from './editSettings';
import { monitorResources } from './monitorResources';
import { webviewTestHook } from './webviewTestHook';

/** Commands that open the webview editors (VM settings, resource monitor). "Show Configuration" is in ../vm. */
export const webviewCommands: readonly CommandSpec[] = [editSettings, monitorResources, webviewTestHook];
