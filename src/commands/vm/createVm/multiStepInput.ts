import * as vscode from 'vscode';
import { UserCancelledError } from '../../registerCommand';

/** Thrown inside a step when the user pressed the Back button. */
class BackPressed extends Error {}

/** One step of a wizard: asks, writes into the state, and may be skipped. */
export interface WizardStep<S> {
    run(input: MultiStepInput, state: S): Promise<void>;
}

export interface InputBoxOptions {
    readonly title: string;
    readonly prompt: string;
    readonly value: string;
    readonly placeholder?: string;
    /** Runs as the user types: a message blocks Next. */
    readonly validate: (value: string) => string | undefined;
}

export interface QuickPickOptions<T extends vscode.QuickPickItem> {
    readonly title: string;
    readonly placeholder: string;
    readonly items: readonly T[];
    readonly active?: T;
    readonly matchOnDescription?: boolean;
    readonly matchOnDetail?: boolean;
}

/**
 * A multi-step quick input with a Back button on every step after the first, in the manner of VS Code's own
 * sample: each step shows one InputBox or QuickPick; Back re-runs the previous step with what was entered.
 */
export class MultiStepInput {
    private step = 0;

    constructor(private readonly totalSteps: number) {}

    static async run<S>(steps: readonly WizardStep<S>[], state: S): Promise<S> {
        const input = new MultiStepInput(steps.length);
        while (input.step < steps.length) {
            try {
                await steps[input.step].run(input, state);
                input.step++;
            } catch (error) {
                if (!(error instanceof BackPressed)) throw error;
                input.step = Math.max(0, input.step - 1);
            }
        }
        return state;
    }

    showInputBox(options: InputBoxOptions): Promise<string> {
        const box = vscode.window.createInputBox();
        box.title = options.title;
        box.prompt = options.prompt;
        box.value = options.value;
        box.placeholder = options.placeholder;
        box.ignoreFocusOut = true;
        this.decorate(box);
        const check = () => (box.validationMessage = options.validate(box.value));
        // An empty box nobody has typed in yet is not an error: its prompt shows until then (Enter still checks).
        if (options.value !== '') check();
        return this.await<string>(box, (resolve, disposables) => {
            disposables.push(
                box.onDidChangeValue(check),
                box.onDidAccept(() => {
                    if (check() === undefined) resolve(box.value);
                }),
            );
        });
    }

    showQuickPick<T extends vscode.QuickPickItem>(options: QuickPickOptions<T>): Promise<T> {
        const pick = vscode.window.createQuickPick<T>();
        pick.title = options.title;
        pick.placeholder = options.placeholder;
        pick.items = options.items;
        pick.matchOnDescription = options.matchOnDescription ?? false;
        pick.matchOnDetail = options.matchOnDetail ?? false;
        pick.ignoreFocusOut = true;
        if (options.active) pick.activeItems = [options.active];
        this.decorate(pick);
        return this.await<T>(pick, (resolve, disposables) => {
            disposables.push(
                pick.onDidAccept(() => {
                    const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
                    if (chosen) resolve(chosen);
                }),
            );
        });
    }

    private decorate(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }): void {
        input.step = this.step + 1;
        input.totalSteps = this.totalSteps;
        input.buttons = this.step > 0 ? [vscode.QuickInputButtons.Back] : [];
    }

    /** Shows `input` until it resolves, Back is pressed (BackPressed) or it is dismissed (UserCancelledError). */
    private await<T>(
        input: vscode.QuickInput & { onDidTriggerButton: vscode.Event<vscode.QuickInputButton> },
        wire: (resolve: (value: T) => void, disposables: vscode.Disposable[]) => void,
    ): Promise<T> {
        const disposables: vscode.Disposable[] = [];
        return new Promise<T>((resolve, reject) => {
            let settled = false;
            const finish = (action: () => void) => {
                if (settled) return;
                settled = true;
                action();
                input.hide();
            };
            wire((value) => finish(() => resolve(value)), disposables);
            disposables.push(
                input.onDidTriggerButton((button) => {
                    if (button === vscode.QuickInputButtons.Back) finish(() => reject(new BackPressed()));
                }),
                input.onDidHide(() => finish(() => reject(new UserCancelledError()))),
            );
            input.show();
        }).finally(() => {
            disposables.forEach((disposable) => disposable.dispose());
            input.dispose();
        });
    }
}
