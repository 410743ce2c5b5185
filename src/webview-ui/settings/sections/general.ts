import type { EditorChoices } from '../../../webviews/settings/settingsForm';
import { h } from '../../shared/dom';
import { selectField, textField } from '../fields';
import type { FormContext } from '../formContext';

export function generalSection(ctx: FormContext, choices: EditorChoices): HTMLElement {
    const general = ctx.draft.general;
    const osTypes = [...choices.osTypes]
        .sort((a, b) => a.description.localeCompare(b.description))
        .map((type) => ({ value: type.id, label: `${type.description} (${type.id})` }));
    return h(
        'section',
        { class: 'section' },
        textField(ctx, 'general.name', 'Name', general.name, (value) => (general.name = value)),
        selectField(ctx, 'general.osTypeId', 'OS type', osTypes, general.osTypeId, (value) => (general.osTypeId = value), {
            combobox: true,
            hint: 'Type to filter the list.',
        }),
        textField(ctx, 'general.description', 'Description', general.description, (value) => (general.description = value), { multiline: true }),
        textField(ctx, 'general.groups', 'Groups', general.groups, (value) => (general.groups = value), {
            hint: 'Group paths separated by commas, e.g. /Team/Web, /Demo. "/" is the top level.',
        }),
    );
}
