import { isDeepStrictEqual } from 'node:util';
import type { LanguageModelToolContribution } from './languageModelTools';

/**
 * Reading and replacing `contributes.languageModelTools` in package.json's text. Other keys are edited by other
 * people and tools at the same time, so this touches that one key and keeps the file's indentation.
 */

export function currentTools(manifestText: string): unknown {
    return (JSON.parse(manifestText) as { contributes?: { languageModelTools?: unknown } }).contributes?.languageModelTools;
}

export function toolsUpToDate(manifestText: string, tools: readonly LanguageModelToolContribution[]): boolean {
    // Through JSON, so that the comparison is of what package.json can hold (no undefined members).
    return isDeepStrictEqual(currentTools(manifestText), JSON.parse(JSON.stringify(tools)));
}

/** The manifest with only `contributes.languageModelTools` replaced (added at the end of contributes if missing). */
export function withTools(manifestText: string, tools: readonly LanguageModelToolContribution[]): string {
    const manifest = JSON.parse(manifestText) as Record<string, unknown>;
    const contributes = (manifest.contributes ?? {}) as Record<string, unknown>;
    contributes.languageModelTools = tools;
    manifest.contributes = contributes;
    const trailingNewline = manifestText.endsWith('\n') ? '\n' : '';
    return JSON.stringify(manifest, null, indentationOf(manifestText)) + trailingNewline;
}

function indentationOf(text: string): string | number {
    return /\n([ \t]+)"/.exec(text)?.[1] ?? 2;
}
