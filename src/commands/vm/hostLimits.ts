import * as vscode from 'vscode';
import { z } from 'zod';
import { readResourceLimitsOperation, type ResourceLimits } from '../../operations/vm/resourceLimits';
import type { Services } from '../../services/services';

/** The bounds a new CPU count or memory size must stay within: VirtualBox's and this host's. */
export type HostLimits = ResourceLimits;

/** The limits for the input boxes' prompts and checks: the cached read the operations check against. */
export function loadHostLimits(services: Services): Promise<HostLimits> {
    return services.vbox.execute(readResourceLimitsOperation, {});
}

/** A whole number typed into an input box, checked against a zod schema and the limits; the message, if any. */
export function validateCount(text: string, schema: z.ZodType<number>, min: number, max: number, unit = ''): string | undefined {
    if (!/^\s*\d+\s*$/.test(text)) return vscode.l10n.t('Enter a whole number.');
    const value = Number(text);
    const parsed = schema.safeParse(value);
    if (!parsed.success) return parsed.error.issues[0]?.message ?? vscode.l10n.t('Invalid value.');
    if (value < min || value > max) return vscode.l10n.t('Enter a number from {0} to {1}{2}.', min, max, unit);
    return undefined;
}
