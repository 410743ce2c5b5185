#!/usr/bin/env node
/**
 * A replay VBoxManage: answers an argument list that was recorded from the real VirtualBox with the recorded
 * stdout, stderr and exit code, byte for byte. Anything not recorded fails loudly: exit code 99 and a message that
 * names the arguments, so a test can never pass on a call nobody recorded.
 *
 *   VBOX_REPLAY_CASSETTE  a JSON file: an array of recorded calls, `{ "calls": [...] }`, or one fixture file;
 *                         or a folder, whose *.json fixture files (recursively) are the calls.
 *                         A call is a FixtureFile (args, stdout, stderr, exitCode), optionally with `delayMs`.
 *   VBOX_REPLAY_STATE     optional JSON file: when several calls have the same arguments they answer in turn (the
 *                         last one repeats); without it the first one always answers.
 *   VBOX_REPLAY_LOG       optional file: one JSON line per invocation, `{"args":[...],"answered":true}`.
 *
 * POSIX: run it directly (shebang). Windows: `node replay.mjs <args>`, or replay.cmd.
 */
import { appendFileSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const UNRECORDED = 99;
const args = process.argv.slice(2);

function fail(message) {
    process.stderr.write(`replay VBoxManage: ${message}\n`);
    process.exit(UNRECORDED);
}

function isCall(value) {
    return (
        value !== null &&
        typeof value === 'object' &&
        Array.isArray(value.args) &&
        value.args.every((a) => typeof a === 'string') &&
        typeof value.stdout === 'string' &&
        typeof value.stderr === 'string' &&
        Number.isInteger(value.exitCode)
    );
}

function jsonFiles(dir) {
    return readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => a.name.localeCompare(b.name))
        .flatMap((entry) => {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) return jsonFiles(full);
            return entry.isFile() && entry.name.endsWith('.json') ? [full] : [];
        });
}

function callsIn(file) {
    let data;
    try {
        data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
        fail(`cannot read the cassette ${file}: ${error.message}`);
    }
    const calls = Array.isArray(data) ? data : Array.isArray(data?.calls) ? data.calls : [data];
    calls.forEach((call, i) => isCall(call) || fail(`${file}: entry ${i} is not a recorded call (args, stdout, stderr, exitCode)`));
    return calls;
}

function loadCassette(location) {
    if (!location) fail('VBOX_REPLAY_CASSETTE is not set: nothing was recorded for this test');
    if (!existsSync(location)) fail(`the cassette ${location} does not exist`);
    return statSync(location).isDirectory() ? jsonFiles(location).flatMap(callsIn) : callsIn(location);
}

const sameArgs = (a, b) => a.length === b.length && a.every((arg, i) => arg === b[i]);

/** Which of the matching calls answers: in turn when a state file is kept, else the first. */
function pick(matches, stateFile) {
    if (matches.length === 1 || !stateFile) return matches[0];
    const state = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
    const key = JSON.stringify(args);
    const used = state[key] ?? 0;
    state[key] = used + 1;
    writeFileSync(stateFile, JSON.stringify(state));
    return matches[Math.min(used, matches.length - 1)];
}

const calls = loadCassette(process.env.VBOX_REPLAY_CASSETTE);
const matches = calls.filter((call) => sameArgs(call.args, args));
if (process.env.VBOX_REPLAY_LOG) appendFileSync(process.env.VBOX_REPLAY_LOG, `${JSON.stringify({ args, answered: matches.length > 0 })}\n`);
if (matches.length === 0) {
    const recorded = [...new Set(calls.map((call) => JSON.stringify(call.args)))].slice(0, 20);
    fail(`no recorded call for ${JSON.stringify(args)}\nrecorded calls in ${process.env.VBOX_REPLAY_CASSETTE}:\n  ${recorded.join('\n  ')}`);
}
const call = pick(matches, process.env.VBOX_REPLAY_STATE);
setTimeout(() => {
    process.stdout.write(call.stdout);
    process.stderr.write(call.stderr);
    // Exit once the pipes have drained: process.exit() could cut a large stdout short.
    process.exitCode = call.exitCode;
}, call.delayMs ?? 0);
