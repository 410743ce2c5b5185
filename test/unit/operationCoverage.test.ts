import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { allOperations } from '../../src/operations';
import { allDefinedOperations, filesDefiningOperations } from '../integration/support/coverage';

describe('(unit) operations coverage: N counts every defineOperation', () => {
    it('finds every operation of the catalogue and those defined outside it, each once', async () => {
        const ids = (await allDefinedOperations()).map((operation) => operation.id);
        assert.equal(new Set(ids).size, ids.length);
        for (const operation of allOperations) assert.ok(ids.includes(operation.id), `${operation.id} is not counted`);
        assert.ok(ids.includes('read_resource_limits'), 'an operation outside the catalogue is counted too');
        // Every `id: '...'` literal beside a defineOperation call in src/ is counted (the lifecycle's specs included).
        for (const file of filesDefiningOperations()) {
            for (const [, id] of readFileSync(file, 'utf8').matchAll(/^\s+id: '([a-z_]+)',$/gm)) assert.ok(ids.includes(id), `${id} (${file}) is not counted`);
        }
    });
});
