// The texts the language-model tools show and return (src/lm, without the vscode wrapper): confirmations, results
// and errors. The tools themselves run in real VS Code in test/extension/lm*.test.ts.
import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { invocationMessages } from '../../src/lm/invocationMessages';
import { toolName, withToolNames } from '../../src/lm/toolNames';
import { errorText, resultText } from '../../src/lm/toolResultText';
import { defineOperation } from '../../src/operations/operation';
import { VBOX_ERROR_CODES, VBoxError } from '../../src/vbox/errors';

const removeSomething = defineOperation({
    id: 'remove_thing',
    title: 'Remove Thing',
    description: 'Removes a thing from a VM; see list_things.',
    input: z.object({ vm: z.string().min(1), snapshot: z.string().optional(), deleteFile: z.boolean().default(false) }),
    effect: (input) => (input.deleteFile ? 'destroy' : 'change'),
    run: () => Promise.resolve({ removed: true }),
});

const listThings = defineOperation({
    id: 'list_things',
    title: 'List Things',
    description: 'Lists things.',
    input: z.object({ vm: z.string().optional() }),
    effect: 'read',
    run: () => Promise.resolve([{ name: 'a' }]),
});

describe('(unit) manifest tool texts: confirmations', () => {
    it('a read runs without confirmation, with a progress line naming the VM', () => {
        const messages = invocationMessages(listThings, { vm: 'web01' });
        assert.equal(messages.confirmation, undefined);
        assert.equal(messages.invocationMessage, 'List Things (VM "web01")');
    });

    it('a change asks for confirmation naming the VM and the snapshot and listing every field given', () => {
        const { confirmation } = invocationMessages(removeSomething, { vm: 'web01', snapshot: 'clean `v1`' });
        assert.ok(confirmation);
        assert.equal(confirmation.title, 'Remove Thing: VM "web01", snapshot "clean `v1`"?');
        assert.match(confirmation.markdown, /^- vm: ` web01 `$/m);
        assert.match(confirmation.markdown, /^- snapshot: `` clean `v1` ``$/m);
        assert.doesNotMatch(confirmation.markdown, /cannot be undone/);
    });

    it('the effect is decided from the input: deleting the file is destructive and says it cannot be undone', () => {
        const { confirmation } = invocationMessages(removeSomething, { vm: 'web01', deleteFile: true });
        assert.match(confirmation?.markdown ?? '', /^- deleteFile: ` true `$/m);
        assert.match(confirmation?.markdown ?? '', /\*\*This cannot be undone\*\*/);
    });

    it('input the schema rejects gets no confirmation: the call fails with INVALID_INPUT before anything runs', () => {
        assert.equal(invocationMessages(removeSomething, { vm: '' }).confirmation, undefined);
        assert.equal(invocationMessages(removeSomething, 'not an object').invocationMessage, 'Remove Thing');
    });
});

describe('(unit) manifest tool texts: results and errors', () => {
    it('a read returns the JSON; a change a sentence naming the VM, then the JSON', () => {
        assert.equal(resultText(listThings, 'read', {}, [{ name: 'a' }]), '[{"name":"a"}]');
        assert.equal(resultText(removeSomething, 'change', { vm: 'web01' }, { removed: true }), 'Done: Remove Thing (VM "web01"). Result: {"removed":true}');
        assert.equal(resultText(removeSomething, 'change', { vm: 'web01' }, undefined), 'Done: Remove Thing (VM "web01").');
    });

    it('a huge result is cut with a note instead of flooding the model', () => {
        const text = resultText(listThings, 'read', {}, 'x'.repeat(100_000));
        assert.ok(text.length < 61_000);
        assert.match(text, /\[truncated: \d+ more characters/);
    });

    it('every error code comes back as "Error CODE: message" with what to do, naming operations by their tool names', () => {
        for (const code of VBOX_ERROR_CODES) {
            const text = errorText(new VBoxError(code, 'Something specific happened.'), ['list_vms', 'list_snapshots']);
            assert.match(text, new RegExp(`^Error ${code}: Something specific happened\\.\\nWhat to do: \\S`));
            assert.doesNotMatch(text, /(?<![\w])list_vms(?![\w])/);
        }
        assert.match(errorText(new VBoxError('VM_NOT_FOUND', 'No VM "x".'), ['list_vms']), /virtualbox_list_vms/);
    });

    it('an unexpected failure says it is a fault of the extension, without a stack', () => {
        const text = errorText(new TypeError('x is undefined'), []);
        assert.match(text, /^Error UNEXPECTED: x is undefined\n/);
        assert.doesNotMatch(text, /at .*\.ts:\d+/);
    });

    it('operation ids in text become tool names, once, and longer ids win over their prefixes', () => {
        assert.equal(withToolNames('use list_vms, then list_vms_all; not xlist_vms', ['list_vms', 'list_vms_all']), 'use virtualbox_list_vms, then virtualbox_list_vms_all; not xlist_vms');
        assert.equal(withToolNames(withToolNames('list_vms', ['list_vms']), ['list_vms']), toolName('list_vms'));
    });
});
