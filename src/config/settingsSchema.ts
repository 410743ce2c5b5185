import { z } from 'zod';
import { sshWaitSeconds } from '../operations/connect/sshEndpoints';

/**
 * The extension's settings, validated: a bad value (hand-edited settings.json) falls back to the default for that
 * key and is reported, rather than breaking the extension. vscode-free so that it can be unit-tested.
 */
export const SettingsSchema = z.object({
    vboxManagePath: z.string().trim().default(''),
    refreshIntervalSeconds: z.number().int().min(2).max(3600).default(5),
    defaultStartType: z.enum(['headless', 'gui', 'separate']).default('headless'),
    stopTimeoutSeconds: z.number().int().min(1).max(600).default(60),
    confirmDestructiveActions: z.boolean().default(true),
    sshWaitSeconds,
    sshPath: z.string().trim().default(''),
});

export type Settings = z.infer<typeof SettingsSchema>;
export type SettingKey = keyof Settings;

export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as SettingKey[];

/** Validates each key on its own so that one bad value does not discard the others. */
export function parseSettings(read: (key: SettingKey) => unknown): { settings: Settings; problems: string[] } {
    const problems: string[] = [];
    const values: Record<string, unknown> = {};
    for (const key of SETTING_KEYS) {
        const field = SettingsSchema.shape[key];
        const parsed = field.safeParse(read(key));
        if (parsed.success) {
            values[key] = parsed.data;
        } else {
            problems.push(`virtualbox.${key}: ${parsed.error.issues[0]?.message ?? 'invalid value'}; using the default`);
            values[key] = field.parse(undefined);
        }
    }
    return { settings: SettingsSchema.parse(values), problems };
}
