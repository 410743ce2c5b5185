import type { FieldErrors } from '../../webviews/settings/formValidation';

interface RegisteredField {
    readonly control: HTMLElement;
    readonly helper: HTMLElement;
    readonly hint: string;
}

/** Shows errors on the fields they belong to; an error on a path without a field goes to its nearest ancestor field. */
export class ErrorDisplay {
    private fields = new Map<string, RegisteredField>();

    reset(): void {
        this.fields = new Map();
    }

    register(path: string, field: RegisteredField): void {
        this.fields.set(path, field);
    }

    /** The registered field an error path lands on, or undefined (the page lists those errors at the top). */
    fieldFor(path: string): string | undefined {
        const parts = path.split('.');
        for (let length = parts.length; length > 0; length--) {
            const candidate = parts.slice(0, length).join('.');
            if (this.fields.has(candidate)) return candidate;
        }
        return undefined;
    }

    /** Applies the errors; returns those no field could show. */
    show(errors: FieldErrors): string[] {
        const byField = new Map<string, string>();
        const unplaced: string[] = [];
        for (const [path, message] of Object.entries(errors)) {
            const field = this.fieldFor(path);
            if (field === undefined) unplaced.push(message);
            else if (!byField.has(field)) byField.set(field, message);
        }
        for (const [path, field] of this.fields) {
            const message = byField.get(path);
            (field.control as unknown as { invalid: boolean }).invalid = message !== undefined;
            field.control.setAttribute('aria-invalid', String(message !== undefined));
            field.helper.textContent = message ?? field.hint;
            field.helper.classList.toggle('error', message !== undefined);
        }
        return unplaced;
    }
}
