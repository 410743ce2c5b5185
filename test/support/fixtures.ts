/**
 * Recorded VBoxManage fixtures (test/fixtures/vboxmanage/<group>/<name>.json, written by `npm run fixtures:record`).
 * `loadFixture` validates the file; `fixtureOutput` applies the same clean-up the runner applies before a parser
 * sees the text, so a parser test gets exactly what production code gets.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { FixtureFile } from '../../scripts/fixtures/recipe';
import type { CommandOutput } from '../../src/vbox/command';
import { normalizeNewlines, stripProgress, stripWrapperBanner } from '../../src/vbox/normalize';

export type { FixtureFile };

export const FIXTURES_DIR = path.join(import.meta.dirname, '..', 'fixtures', 'vboxmanage');

export const FixtureFileSchema = z.object({
    about: z.string(),
    vboxVersion: z.string(),
    names: z.record(z.string(), z.string()),
    args: z.array(z.string()),
    exitCode: z.number().int(),
    stdout: z.string(),
    stderr: z.string(),
});

export function fixturePath(group: string, name: string): string {
    return path.join(FIXTURES_DIR, group, `${name}.json`);
}

export function loadFixture(group: string, name: string): FixtureFile {
    const file = fixturePath(group, name);
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch {
        throw new Error(`no fixture ${group}/${name} (record it: npm run fixtures:record -- --only ${name})`);
    }
    const parsed = FixtureFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`fixture ${group}/${name} is malformed: ${parsed.error.message}`);
    return parsed.data;
}

/** The names of a group's fixtures, sorted. */
export function listFixtures(group: string): string[] {
    return readdirSync(path.join(FIXTURES_DIR, group))
        .filter((file) => file.endsWith('.json'))
        .map((file) => file.slice(0, -'.json'.length))
        .sort();
}

/** A name the recipe recorded in the fixture (a unique VM name, a UUID, a path); throws when it is missing. */
export function fixtureName(fixture: FixtureFile, key: string): string {
    const value = fixture.names[key];
    if (value === undefined) throw new Error(`the fixture has no name "${key}" (has: ${Object.keys(fixture.names).join(', ')})`);
    return value;
}

/** stdout/stderr/exit code as the runner hands them to `parse` and to the error mapping. */
export function fixtureOutput(fixture: FixtureFile): CommandOutput {
    return {
        stdout: stripWrapperBanner(normalizeNewlines(fixture.stdout)).text,
        stderr: stripProgress(normalizeNewlines(fixture.stderr)),
        exitCode: fixture.exitCode,
    };
}
