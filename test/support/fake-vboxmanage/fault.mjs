#!/usr/bin/env node
// A VBoxManage stand-in for runner tests. Its first argument picks the behaviour:
//   hang                 never exits (until killed)
//   progress             writes a progress bar to stderr in steps, then "done" on stdout
//   echo-args            prints each argument on its own line, then the locale it was given
//   fail-with <code>     prints a VirtualBox-style error with that Details code and exits 1
//   banner               prints the Linux wrapper's driver banner, then a `list vms` line
//   exclusive <file> <ms> holds <file> for <ms> (created exclusively): exits 3 if another call holds it (an overlap)
const [mode, ...rest] = process.argv.slice(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

switch (mode) {
    case 'hang':
        setInterval(() => undefined, 1_000);
        break;
    case 'progress':
        for (const pct of [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]) {
            process.stderr.write(`${pct}%...`);
            await sleep(20);
        }
        process.stderr.write('100%\n');
        process.stdout.write('done\r\n');
        break;
    case 'echo-args':
        process.stdout.write(`${rest.join('\n')}\nLC_ALL=${process.env.LC_ALL}\n`);
        break;
    case 'fail-with':
        process.stderr.write(
            `VBoxManage: error: Something went wrong\nVBoxManage: error: Details: code ${rest[0]} (${rest[1]}), component X, interface Y\n` +
                `VBoxManage: error: Context: "${rest[2] ?? 'FindMachine'}(Bstr(a).raw())" at line 1 of file VBoxManageInfo.cpp\n`,
        );
        process.exit(1);
        break;
    case 'banner':
        process.stdout.write(
            'WARNING: The character device /dev/vboxdrv does not exist.\n\t Please install the virtualbox-dkms package and the appropriate\n' +
                '\t headers, most likely linux-headers-amd64.\n\n\t You will not be able to start VMs until this problem is fixed.\n' +
                '"vm one" {0a1b2c3d-0000-4000-8000-000000000001}\n',
        );
        break;
    case 'exclusive': {
        const fs = await import('node:fs');
        try {
            fs.closeSync(fs.openSync(rest[0], 'wx'));
        } catch {
            process.stderr.write('fault.mjs: another call holds the file (overlap)\n');
            process.exit(3);
        }
        await sleep(Number(rest[1]));
        fs.rmSync(rest[0]);
        process.stdout.write('held\n');
        break;
    }
    default:
        process.stderr.write(`fault.mjs: unknown mode ${mode}\n`);
        process.exit(2);
}
