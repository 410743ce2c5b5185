import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { monitorToHost, monitorToPage } from '../../../src/webviews/monitor/protocol';
import { parseMessage } from '../../../src/webviews/shared/ipc';
import { settingsToHost, settingsToPage } from '../../../src/webviews/settings/protocol';
import { clone, recordedChoices, recordedForm } from './support/recordedForms';

describe('(unit) webviews: protocol validation', () => {
    const form = recordedForm();
    const good = {
        ready: { method: 'ready', params: {} },
        apply: { method: 'apply', params: { draft: form } },
        draftChanged: { method: 'draftChanged', params: { draft: form, dirty: true } },
        reload: { method: 'reload', params: { keepEdits: false } },
    };

    it('accepts every well-formed message of the settings editor, both directions', () => {
        for (const message of Object.values(good)) assert.ok(parseMessage(settingsToHost, message).ok, JSON.stringify(message).slice(0, 80));
        const vm = { uuid: 'u', name: 'n', state: 'poweroff' };
        const toPage = [
            { method: 'init', params: { vm, baseline: form, draft: form, restored: false, choices: recordedChoices() } },
            { method: 'state', params: { vm } },
            { method: 'changedOutside', params: {} },
            { method: 'applyProgress', params: { label: 'x', index: 0, total: 2 } },
            { method: 'applyResult', params: { applied: [], notRun: [], fieldErrors: { 'system.memoryMb': 'too big' } } },
            { method: 'loadError', params: { message: 'no' } },
        ];
        for (const message of toPage) assert.ok(parseMessage(settingsToPage, message).ok, message.method);
    });

    it('accepts the monitor\'s messages', () => {
        assert.ok(parseMessage(monitorToHost, { method: 'refreshScreen', params: {} }).ok);
        const sample = { at: 1, cpuUserPercent: 3, cpuKernelPercent: 1, ramUsedMb: 64 };
        assert.ok(parseMessage(monitorToPage, { method: 'sample', params: sample }).ok);
        assert.ok(parseMessage(monitorToPage, { method: 'screen', params: { dataUri: 'data:image/png;base64,iVBORw0KGgo=', width: 1, height: 1, at: 1 } }).ok);
        assert.ok(!parseMessage(monitorToPage, { method: 'screen', params: { dataUri: 'javascript:alert(1)', width: 1, height: 1, at: 1 } }).ok);
    });

    it('rejects unknown methods, extra keys, wrong types and oversized strings with a readable reason', () => {
        const bad: unknown[] = [
            null,
            'apply',
            { method: 'runVBoxManage', params: { args: ['list', 'vms'] } },
            { method: 'ready' },
            { method: 'ready', params: {}, extra: 1 },
            { method: 'ready', params: { sneaky: true } },
            { method: 'reload', params: { keepEdits: 'yes' } },
            { method: 'apply', params: { draft: { ...form, system: { ...form.system, memoryMb: '512' } } } },
            { method: 'apply', params: { draft: { ...form, general: { ...form.general, description: 'x'.repeat(20_001) } } } },
            { method: 'apply', params: { draft: { ...form, network: { ...form.network, adapters: [{ ...form.network.adapters[0], slot: 99 }] } } } },
        ];
        for (const message of bad) {
            const parsed = parseMessage(settingsToHost, message);
            assert.equal(parsed.ok, false, JSON.stringify(message)?.slice(0, 100));
            if (!parsed.ok) assert.match(parsed.error, /^rejected message/);
        }
    });

    it('never lets arbitrary JSON through unless it is exactly a valid message (fuzzed)', () => {
        fc.assert(
            fc.property(fc.jsonValue(), (value) => {
                const parsed = parseMessage(settingsToHost, value);
                if (parsed.ok) assert.ok(['ready'].includes(parsed.message.method), JSON.stringify(value));
                const monitor = parseMessage(monitorToPage, value);
                if (monitor.ok) assert.ok(['sample', 'status', 'screenError', 'init', 'screen'].includes(monitor.message.method));
            }),
            { numRuns: 2000 },
        );
    });

    it('rejects valid messages with one field replaced by a random value of another type (fuzzed)', () => {
        const paths: [string, (message: { params: { draft: typeof form } }, value: unknown) => void][] = [
            ['system.cpus', (m, v) => ((m.params.draft.system as Record<string, unknown>).cpus = v)],
            ['general.name', (m, v) => ((m.params.draft.general as Record<string, unknown>).name = v)],
            ['rules', (m, v) => ((m.params.draft.network.adapters[0] as Record<string, unknown>).rules = v)],
            ['remove', (m, v) => ((m.params.draft.storage.attachments[0] as Record<string, unknown>).remove = v)],
        ];
        const wrongType = fc.oneof(fc.string(), fc.boolean(), fc.object(), fc.constant(undefined), fc.array(fc.integer(), { minLength: 1 }));
        fc.assert(
            fc.property(fc.constantFrom(...paths), wrongType, ([name, set], value) => {
                const message = clone(good.apply) as unknown as { params: { draft: typeof form } };
                set(message, value);
                const expectedType = { 'system.cpus': 'number', 'general.name': 'string', rules: 'array', remove: 'boolean' }[name];
                const sameType = expectedType === 'array' ? Array.isArray(value) && value.length === 0 : typeof value === expectedType;
                fc.pre(!sameType);
                assert.equal(parseMessage(settingsToHost, message).ok, false, `${name} = ${JSON.stringify(value)}`);
            }),
            { numRuns: 500 },
        );
    });
});
