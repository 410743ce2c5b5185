import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../scripts/generate/catalogue';
import type { Manifest, Setting } from '../../scripts/generate/readmeTables';
import { SETTING_KEYS, SettingsSchema } from '../../src/config/settingsSchema';

/** `contributes.configuration.properties` as VS Code reads it (the Settings editor and settings.json validation). */
function manifestSettings(): Readonly<Record<string, Setting>> {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
    return manifest.contributes.configuration?.properties ?? {};
}

describe('(unit) manifest: settings in package.json agree with the settings the extension validates', () => {
    const properties = manifestSettings();

    it('declares every setting, and no other virtualbox.* setting', () => {
        const declared = Object.keys(properties).filter((key) => key.startsWith('virtualbox.'));
        assert.deepEqual(declared.sort(), SETTING_KEYS.map((key) => `virtualbox.${key}`).sort());
    });

    it("has the schema's default for each setting (the default the Settings editor shows is the one used)", () => {
        for (const key of SETTING_KEYS) assert.deepEqual(properties[`virtualbox.${key}`].default, SettingsSchema.shape[key].parse(undefined), key);
    });

    it('offers exactly the values the schema accepts for each enumerated setting, each with a description', () => {
        for (const key of SETTING_KEYS) {
            const accepted = (SettingsSchema.shape[key]._def as { innerType?: { options?: readonly string[] } }).innerType?.options;
            const property = properties[`virtualbox.${key}`];
            if (!accepted) {
                assert.equal(property.enum, undefined, `${key}: an enum in package.json the schema does not have`);
                continue;
            }
            assert.deepEqual(property.enum, accepted, `${key}: the Settings editor must offer every value the extension accepts`);
            assert.equal(property.enumDescriptions?.length, accepted.length, `${key}: one description per value`);
        }
    });
});
