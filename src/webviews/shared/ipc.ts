import { z } from 'zod';

/**
 * The message plumbing both sides of every webview share (after GitLens' ipc model): a message is
 * `{ method, params }`, each method's params are a zod schema, and whatever arrives — from the page on the host,
 * from the host on the page — is parsed against the union of the methods that side accepts before it is used.
 */

/** One message kind: its method name and the schema of its params. Build unions of them with `messageUnion`. */
export function message<M extends string, P extends z.ZodType>(method: M, params: P) {
    return z.strictObject({ method: z.literal(method), params });
}

export type ParsedMessage<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly error: string };

/** Parses untrusted input against a protocol's message union; never throws. */
export function parseMessage<S extends z.ZodType>(schema: S, raw: unknown): ParsedMessage<z.infer<S>> {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { ok: true, message: parsed.data };
    const method = typeof raw === 'object' && raw !== null && 'method' in raw ? String((raw as { method: unknown }).method).slice(0, 60) : '?';
    const issues = parsed.error.issues
        .slice(0, 3)
        .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
        .join('; ');
    return { ok: false, error: `rejected message "${method}": ${issues}` };
}

/** A number typed into a form: `null` when the text is not a number (JSON has no NaN). */
export const formNumber = z.number().nullable();

/** Bounded strings: a page cannot make the host hold or log megabytes. */
export const text = (max = 1000) => z.string().max(max);
