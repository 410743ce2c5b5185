/**
 * Text folded for matching: case- and accent-insensitive. NFKD splits letters from their accents (and compatibility
 * forms such as `ﬁ` or full-width letters into plain ones), the combining marks are dropped, and the Latin letters
 * that have no decomposition (`ø`, `ł`, `ß`, `æ`, ...) are spelt the way a person types them without the key.
 * Anything else, emoji included, is kept as it is, so an emoji in a query finds the same emoji in a name.
 * vscode-free.
 */
export function foldText(text: string): string {
    return text
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[øłđðħıŧŀæœßþ]/g, (letter) => PLAIN[letter] ?? letter);
}

/** Latin letters NFKD leaves alone, as typed on a keyboard without them (after lower-casing). */
const PLAIN: Readonly<Record<string, string>> = {
    ø: 'o',
    ł: 'l',
    đ: 'd',
    ð: 'd',
    ħ: 'h',
    ı: 'i',
    ŧ: 't',
    ŀ: 'l',
    æ: 'ae',
    œ: 'oe',
    ß: 'ss',
    þ: 'th',
};
