import type { z } from 'zod';
import type { Operation } from '../../operations/operation';
import type { Services } from '../../services/services';
import { transientStates } from '../../tree/machines/transientStates';
import { runWithProgress } from '../runWithProgress';

/**
 * Runs an operation that changes VirtualBox behind a progress notification (percent and Cancel), with an optional
 * transient description on the VM's node ("Taking snapshot…"), and refreshes the views afterwards.
 */
export async function runChange<S extends z.ZodType, R>(
    services: Services,
    title: string,
    operation: Operation<S, R>,
    input: z.input<S>,
    transient?: { readonly vm: string; readonly label: string },
): Promise<R> {
    const work = () => runWithProgress(title, ({ signal, progress }) => services.vbox.execute(operation, input, { signal, progress }));
    try {
        return transient ? await transientStates.run(transient.vm, transient.label, work) : await work();
    } finally {
        services.refresh.request('operation');
    }
}
