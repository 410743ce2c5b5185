import type { Frame, Locator, Page } from 'playwright-core';
import { eventually } from './vboxManage';

export type ViewName = 'Machines' | 'Media' | 'Networks';

interface RowInfo {
    readonly index: number;
    readonly level: number;
    readonly label: string;
    readonly description: string;
    readonly expanded: string | null;
}

const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * What a person does in VS Code's workbench, in words a journey can read: open a view, find a tree row by its path,
 * use its context menu or inline buttons, answer quick inputs, press notification and dialog buttons, read a
 * webview. Selectors are the workbench's own (measured on VS Code 1.100.3); waits are for what shows, not for time,
 * except after a context menu opens (a click right away is ignored).
 */
export class Workbench {
    constructor(readonly page: Page) {}

    // --- Views and trees -------------------------------------------------------------------------------------------

    /** Opens the VirtualBox view container from the activity bar (a second click would close it). */
    async showVirtualBox(): Promise<void> {
        const icon = this.page.locator('.activitybar .action-item', { has: this.page.locator('[aria-label^="VirtualBox"]') }).first();
        if (!(await icon.evaluate((element) => element.classList.contains('checked')))) await icon.click();
        await this.pane('Machines').waitFor();
    }

    pane(view: ViewName): Locator {
        return this.page.locator('.pane', { has: this.page.locator(`.pane-header[aria-label="${view} Section"]`) });
    }

    /** Expands or collapses the three VirtualBox views, so the ones a journey works in have room. */
    async layoutViews(expanded: Partial<Record<ViewName, boolean>>): Promise<void> {
        for (const [view, want] of Object.entries(expanded) as [ViewName, boolean][]) {
            const header = this.page.locator(`.pane-header[aria-label="${view} Section"]`);
            if ((await header.getAttribute('aria-expanded')) !== String(want)) await header.click();
        }
    }

    /** Runs one of a view's title-bar buttons (e.g. "Create VM…", "Refresh"). */
    async viewAction(view: ViewName, label: string): Promise<void> {
        const header = this.page.locator(`.pane-header[aria-label="${view} Section"]`);
        await header.hover();
        await header.locator(`.action-label[aria-label="${label}"]`).click();
    }

    private async rowsOf(view: ViewName): Promise<RowInfo[]> {
        const rows = await this.pane(view)
            .locator('.monaco-list-row')
            .evaluateAll((elements) =>
                elements.map((element) => ({
                    index: Number(element.getAttribute('data-index')),
                    level: Number(element.getAttribute('aria-level')),
                    label: element.querySelector('.label-name')?.textContent ?? '',
                    description: element.querySelector('.label-description')?.textContent ?? '',
                    expanded: element.getAttribute('aria-expanded'),
                })),
            );
        return rows.sort((a, b) => a.index - b.index);
    }

    /** The row at a path of labels (["vm", "Snapshots", "Before"]), if it is shown now. */
    private async findRow(view: ViewName, path: readonly string[]): Promise<RowInfo | undefined> {
        const rows = await this.rowsOf(view);
        let from = 0;
        let parentLevel = 0;
        let found: RowInfo | undefined;
        for (const label of path) {
            found = undefined;
            for (let i = from; i < rows.length; i++) {
                if (rows[i].level <= parentLevel) break;
                if (rows[i].level === parentLevel + 1 && rows[i].label === label) {
                    found = rows[i];
                    from = i + 1;
                    break;
                }
            }
            if (!found) return undefined;
            parentLevel = found.level;
        }
        return found;
    }

    /**
     * Waits until the row at `path` shows (expanding its parents on the way) and, when given, its description
     * matches; returns the row. Throws with what the view shows instead.
     */
    async row(view: ViewName, path: readonly string[], options: { description?: RegExp; timeoutMs?: number } = {}): Promise<Locator> {
        let last: RowInfo | undefined;
        try {
            return await eventually(
                async () => {
                    for (let depth = 1; depth < path.length; depth++) await this.expand(view, path.slice(0, depth));
                    last = await this.findRow(view, path);
                    if (!last) throw new Error('not shown');
                    if (options.description && !options.description.test(last.description)) throw new Error('other description');
                    return this.pane(view).locator(`.monaco-list-row[data-index="${last.index}"]`);
                },
                { timeoutMs: options.timeoutMs ?? 30_000 },
            );
        } catch {
            const shown = (await this.rowsOf(view)).map((row) => `${'  '.repeat(row.level - 1)}${row.label} | ${row.description}`).join('\n');
            const wanted = options.description ? ` with a description matching ${options.description}` : '';
            throw new Error(`The ${view} view shows no row ${path.join(' > ')}${wanted}${last ? ` (its description: "${last.description}")` : ''}. It shows:\n${shown}`);
        }
    }

    /** Waits until no row at `path` is shown (e.g. after a delete). */
    async noRow(view: ViewName, path: readonly string[], timeoutMs = 30_000): Promise<void> {
        await eventually(
            async () => {
                if (await this.findRow(view, path)) throw new Error(`The ${view} view still shows ${path.join(' > ')}`);
            },
            { timeoutMs },
        );
    }

    /** Expands the row at `path` when it is collapsed (its children load from VirtualBox). */
    async expand(view: ViewName, path: readonly string[]): Promise<void> {
        const row = await this.findRow(view, path);
        if (!row) throw new Error(`no row ${path.join(' > ')}`);
        if (row.expanded === 'false') await this.pane(view).locator(`.monaco-list-row[data-index="${row.index}"] .monaco-tl-twistie`).click();
    }

    /** The codicon the row shows (e.g. "vm-running"). */
    async rowIcon(row: Locator): Promise<string | undefined> {
        const classes = (await row.locator('.custom-view-tree-node-item-icon').getAttribute('class')) ?? '';
        return /codicon-([\w-~]+)/.exec(classes.replace('codicon-modifier', ''))?.[1];
    }

    /**
     * Right-clicks a row and chooses an item of its context menu. `whileOpen` runs while the menu shows (e.g. a
     * screenshot of it).
     */
    async contextMenu(row: Locator, item: string, whileOpen?: () => Promise<unknown>): Promise<void> {
        await this.reachingItsItem(`"${item}"`, () => this.chooseFromContextMenu(row, item, whileOpen));
    }

    private async chooseFromContextMenu(row: Locator, item: string, whileOpen?: () => Promise<unknown>): Promise<void> {
        await row.click({ button: 'right' });
        const menu = this.page.locator('.context-view .monaco-menu');
        await menu.waitFor();
        // A context-menu item clicked right after the menu opens is ignored.
        await this.page.waitForTimeout(300);
        const entry = menu.locator(`.action-label[aria-label="${item}"]`);
        if ((await entry.count()) === 0) {
            const items = await menu.locator('.action-menu-item .action-label').allTextContents();
            await this.page.keyboard.press('Escape');
            throw new Error(`The context menu has no "${item}"; it has: ${items.join(', ')}`);
        }
        if (whileOpen) {
            await entry.hover();
            await whileOpen();
        }
        await entry.click();
    }

    /** Clicks one of a row's inline buttons (shown on hover), e.g. "Start". */
    async inlineAction(row: Locator, label: string): Promise<void> {
        await this.reachingItsItem(`the inline "${label}"`, async () => {
            await row.hover();
            await row.locator(`.actions .action-label[aria-label="${label}"]`).click();
        });
    }

    /**
     * Runs a click on a tree item and makes sure its command got the item. VS Code 1.100 forgets a view's items from
     * the moment the view starts redrawing (after any change, also another view's late reload) until it has read them
     * again; a click in that moment reaches the command without its item, and the command then asks which VM (or
     * network, disk, ...) was meant. A person would notice and click again: so does this, at most twice, and says so.
     */
    private async reachingItsItem(what: string, click: () => Promise<void>): Promise<void> {
        const askedWhich = this.quickInput.locator('.quick-input-box input[placeholder^="Choose a"], .quick-input-box input[placeholder^="Choose an"]');
        for (let attempt = 1; ; attempt++) {
            const toasts = await this.page.locator('.notifications-toasts .notification-toast').count();
            await click();
            const deadline = Date.now() + 8_000;
            let missedItem = false;
            while (Date.now() < deadline) {
                // (A quick input's placeholder may be set a moment after it shows.)
                if ((await this.quickInput.isVisible()) && (await this.page.waitForTimeout(300), await askedWhich.isVisible())) {
                    missedItem = true;
                    break;
                }
                const answered =
                    (await this.quickInput.isVisible()) ||
                    (await this.dialog.isVisible()) ||
                    (await this.page.locator('.notifications-toasts .notification-toast').count()) > toasts;
                if (answered) return;
                await this.page.waitForTimeout(200);
            }
            if (!missedItem) return;
            if (attempt === 3) throw new Error(`${what} reached its command without the tree item three times`);
            console.log(`      (${what} reached its command without its tree item; refreshing the views and clicking again)`);
            await this.page.keyboard.press('Escape');
            await this.quickInput.waitFor({ state: 'hidden' });
            // A redraw that overlapped a slow read of some rows can leave those rows without their items until the
            // next redraw: Refresh (the view's title button, as a person would) brings them back.
            await this.viewAction('Machines', 'Refresh');
            await this.page.waitForTimeout(3_000);
        }
    }

    // --- Quick input (quick picks, input boxes, the simple file dialog) -------------------------------------------------

    get quickInput(): Locator {
        return this.page.locator('.quick-input-widget');
    }

    /** Waits for a quick input whose title contains `title`. */
    async waitForQuickInput(title: string | RegExp): Promise<void> {
        await this.quickInput.locator('.quick-input-title', { hasText: title }).waitFor();
    }

    /** Types into the quick input (replacing its text) and presses Enter. */
    async enterText(text: string, options: { accept?: boolean } = {}): Promise<void> {
        const input = this.quickInput.locator('.quick-input-box input');
        await input.fill(text);
        if (options.accept ?? true) await input.press('Enter');
    }

    /** Clicks the quick pick item whose label is `label` (icons left out). */
    async pick(label: string | RegExp): Promise<void> {
        const matcher = typeof label === 'string' ? exact(label) : label;
        const item = this.quickInput.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: matcher }) });
        await item.first().click();
    }

    /**
     * Clicks the quick pick item whose description (the grey text after the label) is exactly `description`, after
     * typing `filter` into the quick pick's box to bring it into view.
     */
    async pickByDescription(description: string, filter = description): Promise<void> {
        await this.enterText(filter, { accept: false });
        const item = this.quickInput
            .locator('.quick-input-list .monaco-list-row')
            .filter({ has: this.page.locator('.label-description', { hasText: exact(description) }) });
        await item.first().click();
    }

    /**
     * Waits until the quick input asks `prompt` (an input box shows its prompt under the box): one step of a
     * multi-step input has replaced the previous one.
     */
    async waitForPrompt(prompt: string | RegExp): Promise<void> {
        await this.quickInput.locator('.quick-input-message', { hasText: prompt }).waitFor();
    }

    /** Waits until the quick input's box shows `placeholder` (a quick pick step has replaced the previous one). */
    async waitForPlaceholder(placeholder: string): Promise<void> {
        await this.quickInput.locator(`.quick-input-box input[placeholder="${placeholder}"]`).waitFor();
    }

    /** The quick input's validation or prompt message. */
    async quickInputMessage(): Promise<string> {
        return (await this.quickInput.locator('.quick-input-message').textContent()) ?? '';
    }

    // --- Notifications and dialogs ------------------------------------------------------------------------------------

    /** A notification toast whose text matches. */
    notification(text: string | RegExp): Locator {
        return this.page.locator('.notifications-toasts .notification-toast', { hasText: text });
    }

    async waitForNotification(text: string | RegExp, timeoutMs = 60_000): Promise<Locator> {
        const toast = this.notification(text).last();
        await toast.waitFor({ timeout: timeoutMs });
        return toast;
    }

    /** Presses one of a notification's buttons (e.g. "Power Off", "Show Log"). */
    async notificationButton(toast: Locator, label: string): Promise<void> {
        await toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: exact(label) }).click();
    }

    /** The modal dialog (VS Code's own in the browser). */
    get dialog(): Locator {
        return this.page.locator('.monaco-dialog-box');
    }

    async dialogButton(label: string): Promise<void> {
        await this.dialog.waitFor();
        await this.dialog.locator('.dialog-buttons .monaco-button', { hasText: exact(label) }).click();
        await this.dialog.waitFor({ state: 'detached' });
    }

    // --- Commands, editors, reset ---------------------------------------------------------------------------------------

    /** Runs a command from the Command Palette by its title as the palette lists it (e.g. "View: Close All Editors"). */
    async runCommand(title: string): Promise<void> {
        await this.page.keyboard.press('F1');
        const input = this.quickInput.locator('.quick-input-box input');
        await input.waitFor();
        await input.fill(`>${title}`);
        const item = this.quickInput.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exact(title) }) });
        await item.first().waitFor();
        await item.first().click();
    }

    /** Between journeys: no quick input, menu, dialog, editor or notification left over; the VirtualBox views open. */
    async reset(): Promise<void> {
        for (let i = 0; i < 3; i++) await this.page.keyboard.press('Escape');
        if (await this.dialog.isVisible()) await this.page.keyboard.press('Escape');
        await this.runCommand('View: Close All Editors');
        // A settings editor a failed journey left with edits asks what to do with them: nothing is applied.
        const discard = this.dialog.locator('.dialog-buttons .monaco-button', { hasText: exact('Discard Changes') });
        if (await discard.waitFor({ timeout: 1_500 }).then(() => true, () => false)) {
            await discard.click();
            await this.dialog.waitFor({ state: 'detached' });
        }
        await this.runCommand('Notifications: Clear All Notifications');
        await this.showVirtualBox();
        await this.layoutViews({ Machines: true, Media: true, Networks: true });
        await this.viewAction('Machines', 'Collapse All').catch(() => undefined);
    }

    /** The tab of an open editor, by its title. */
    editorTab(title: string | RegExp): Locator {
        return this.page.locator('.tabs-container .tab', { hasText: title });
    }

    /**
     * The content frame of the webview editor whose page shows `text` (VS Code nests each webview in two iframes;
     * hidden ones stay loaded).
     */
    async webview(text: string | RegExp, timeoutMs = 30_000): Promise<Frame> {
        return eventually(
            async () => {
                for (const frame of this.page.frames()) {
                    if (frame.name() !== 'active-frame' && !frame.url().includes('fake.html')) continue;
                    const found = await frame
                        .locator('body', { hasText: text })
                        .count()
                        .catch(() => 0);
                    if (found > 0) return frame;
                }
                throw new Error(`No webview shows ${text}`);
            },
            { timeoutMs },
        );
    }
}
