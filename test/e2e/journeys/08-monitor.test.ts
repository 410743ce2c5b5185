/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { RunningGuest } from '../../support/realGuest';
import { screenshot, session } from '../support/session';
import { eventually, uniqueName } from '../support/vboxManage';

/** Width and height from a PNG's IHDR chunk (bytes 16–23). */
function pngSize(file: string): { width: number; height: number } {
    const bytes = readFileSync(file);
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * How many pixels of each chart's canvas have its first series' colour (the legend swatch's): a line drawn from
 * real samples, as opposed to an empty plot with only axes and grid.
 */
function linePixels(page: Frame): Promise<Record<string, number>> {
    return page.evaluate(() => {
        const counts: Record<string, number> = {};
        for (const chart of document.querySelectorAll('figure.chart')) {
            const title = chart.querySelector('.chart-title')?.textContent ?? '?';
            const swatch = chart.querySelector<HTMLElement>('.swatch');
            const canvas = chart.querySelector('canvas');
            const rgb = /rgb\((\d+), (\d+), (\d+)\)/.exec(swatch ? getComputedStyle(swatch).backgroundColor : '');
            const context = canvas?.getContext('2d');
            if (!canvas || !rgb || !context) continue;
            const [r, g, b] = rgb.slice(1).map(Number);
            const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
            let count = 0;
            for (let i = 0; i < data.length; i += 4) {
                if (data[i + 3] > 200 && Math.abs(data[i] - r) < 24 && Math.abs(data[i + 1] - g) < 24 && Math.abs(data[i + 2] - b) < 24) count++;
            }
            counts[title] = count;
        }
        return counts;
    });
}

describe('(e2e) journey 8: the resource monitor of a running VM', function () {
    const name = uniqueName('monitored');

    let guest: RunningGuest | undefined;

    before(async function () {
        this.timeout(300_000);
        // The testbed's real Linux guest, so that the screen shows its login prompt.
        guest = await session().vbox.startRealGuest(name);
    });

    after(async function () {
        await guest?.dispose();
        await session().vbox.removeVm(name);
    });

    it("draws CPU and memory charts from VirtualBox's samples and shows the VM's screen", async function () {
        this.timeout(300_000);
        const { workbench, vbox } = session();
        await workbench.contextMenu(await workbench.row('Machines', [name], { description: /^Running/ }), 'Monitor Resources');
        await workbench.editorTab(`Monitor: ${name}`).waitFor();
        const page = await workbench.webview(/CPU[\s\S]*Memory/, 60_000);

        // Several samples have arrived: each chart's line has been drawn (one sample alone draws no line).
        await eventually(
            async () => {
                const pixels = await linePixels(page);
                for (const chart of ['CPU', 'Memory']) assert.ok((pixels[chart] ?? 0) > 40, `the ${chart} chart has a line (${JSON.stringify(pixels)})`);
            },
            { timeoutMs: 90_000, intervalMs: 1000 },
        );
        const legend = async (chart: string) =>
            (await page.locator('figure.chart', { has: page.locator('.chart-title', { hasText: chart }) }).locator('.value').first().textContent()) ?? '';
        assert.match(await legend('CPU'), /^\d+ %$/, 'the CPU chart shows a percentage');
        const shownMb = Number(/^([\d.]+) MB$/.exec(await legend('Memory'))?.[1]);

        // VirtualBox's own figure for the same metric, in kB.
        const metrics = await vbox.run('metrics', 'query', name, 'RAM/Usage/Used');
        const usedKb = Number(/RAM\/Usage\/Used\s+([\d.]+) kB/.exec(metrics)?.[1]);
        assert.ok(usedKb > 0 && shownMb > 0, `memory in use: the chart says ${shownMb} MB, VBoxManage ${metrics.trim()}`);
        assert.ok(Math.abs(shownMb - usedKb / 1024) <= Math.max(8, usedKb / 1024 / 4), `the chart (${shownMb} MB) agrees with VBoxManage (${usedKb} kB)`);

        // The screen preview: a picture of the VM's screen, of the size VirtualBox's own screenshot has.
        const image = page.locator('img.screen-image');
        await eventually(async () => assert.ok(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)), { timeoutMs: 90_000 });
        const shown = await image.evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }));
        const file = path.join(path.dirname((await vbox.vmInfo(name)).get('CfgFile') ?? ''), 'e2e-screen.png');
        try {
            await vbox.run('controlvm', name, 'screenshotpng', file);
            assert.deepEqual(shown, pngSize(file), "the preview has the size of VirtualBox's screenshot");
        } finally {
            rmSync(file, { force: true });
        }
        // Not a blank picture: the guest's text screen has more than one colour.
        const colours = await image.evaluate((img: HTMLImageElement) => {
            const canvas = document.createElement('canvas');
            canvas.width = img.naturalWidth;
            canvas.height = img.naturalHeight;
            const context = canvas.getContext('2d')!;
            context.drawImage(img, 0, 0);
            const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
            const seen = new Set<number>();
            for (let i = 0; i < data.length && seen.size < 10; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
            return seen.size;
        });
        assert.ok(colours > 1, 'the screen preview is not a blank picture');
        // What that screen shows is a running Linux: its Guest Additions say so.
        assert.match(await vbox.run('guestproperty', 'get', name, '/VirtualBox/GuestInfo/OS/Product'), /^Value: Linux$/m);
        await page.locator('.screen figcaption', { hasText: /click to refresh/ }).waitFor();
        await screenshot('journey-08-monitor', { docsImage: 'journey-08-monitor.png' });
    });
});
