import type { EditorChoices } from '../../../webviews/settings/settingsForm';
import { h } from '../../shared/dom';
import { numberField, selectField, type Option } from '../fields';
import type { FormContext } from '../formContext';

const options = (...values: [string, string][]): Option[] => values.map(([value, label]) => ({ value, label }));

const FIRMWARE = options(['bios', 'BIOS'], ['efi', 'EFI'], ['efi32', 'EFI (32-bit)'], ['efi64', 'EFI (64-bit)']);
const CHIPSETS = options(['piix3', 'PIIX3'], ['ich9', 'ICH9']);
const BOOT_DEVICES = options(['none', 'None'], ['floppy', 'Floppy'], ['dvd', 'Optical'], ['disk', 'Hard disk'], ['net', 'Network']);
const GRAPHICS = options(['vmsvga', 'VMSVGA'], ['vboxsvga', 'VBoxSVGA'], ['vboxvga', 'VBoxVGA'], ['none', 'None']);

export function systemSection(ctx: FormContext, choices: EditorChoices): HTMLElement {
    const system = ctx.draft.system;
    const { limits } = choices;
    const bootOrder = h(
        'div',
        { class: 'boot-order' },
        ...system.bootOrder.map((device, index) =>
            selectField(ctx, `system.bootOrder.${index}`, `Boot device ${index + 1}`, BOOT_DEVICES, device, (value) => (system.bootOrder[index] = value), {
                compact: true,
            }),
        ),
    );
    return h(
        'section',
        { class: 'section' },
        numberField(ctx, 'system.memoryMb', 'Memory', system.memoryMb, (value) => (system.memoryMb = value), {
            min: limits.minMemoryMb,
            max: limits.maxMemoryMb,
            unit: 'MB',
            hint: `${limits.minMemoryMb}–${limits.maxMemoryMb} MB; this host has ${limits.hostMemoryMb} MB.`,
        }),
        numberField(ctx, 'system.cpus', 'Processors', system.cpus, (value) => (system.cpus = value), {
            min: limits.minCpus,
            max: limits.maxCpus,
            hint: `${limits.minCpus}–${limits.maxCpus}; this host has ${limits.hostCpus} logical CPUs.`,
        }),
        selectField(ctx, 'system.firmware', 'Firmware', FIRMWARE, system.firmware, (value) => (system.firmware = value)),
        selectField(ctx, 'system.chipset', 'Chipset', CHIPSETS, system.chipset, (value) => (system.chipset = value), {
            hint: 'ICH9 allows more network adapters (36 instead of 8).',
        }),
        h('div', { class: 'field' }, h('vscode-label', {}, 'Boot order'), h('div', { class: 'control' }, bootOrder)),
    );
}

export function displaySection(ctx: FormContext, choices: EditorChoices): HTMLElement {
    const display = ctx.draft.display;
    const { limits } = choices;
    return h(
        'section',
        { class: 'section' },
        numberField(ctx, 'display.vramMb', 'Video memory', display.vramMb, (value) => (display.vramMb = value), {
            min: limits.minVramMb,
            max: limits.maxVramMb,
            unit: 'MB',
            hint: `${limits.minVramMb}–${limits.maxVramMb} MB.`,
        }),
        selectField(ctx, 'display.graphicsController', 'Graphics controller', GRAPHICS, display.graphicsController, (value) => (display.graphicsController = value), {
            hint: 'VMSVGA for Linux guests, VBoxSVGA for Windows, VBoxVGA for old guests.',
        }),
    );
}
