import { writeFileSync } from 'node:fs';

/**
 * Writes a small but real ISO 9660 image (primary volume descriptor, path tables, a root directory with one file)
 * so that tests insert a genuine disc image without downloading one or needing xorriso on the machine.
 */
const SECTOR = 2048;

function both32(buffer: Buffer, offset: number, value: number): void {
    buffer.writeUInt32LE(value, offset);
    buffer.writeUInt32BE(value, offset + 4);
}

function both16(buffer: Buffer, offset: number, value: number): void {
    buffer.writeUInt16LE(value, offset);
    buffer.writeUInt16BE(value, offset + 2);
}

function text(buffer: Buffer, offset: number, length: number, value: string): void {
    buffer.write(value.padEnd(length, ' ').slice(0, length), offset, 'ascii');
}

function directoryRecord(id: Buffer, extent: number, size: number, directory: boolean): Buffer {
    const length = 33 + id.length + (id.length % 2 === 0 ? 1 : 0);
    const record = Buffer.alloc(length);
    record[0] = length;
    both32(record, 2, extent);
    both32(record, 10, size);
    record.set([126, 1, 1, 0, 0, 0, 0], 18); // 2026-01-01 00:00:00 GMT
    record[25] = directory ? 2 : 0;
    both16(record, 28, 1);
    record[32] = id.length;
    id.copy(record, 33);
    return record;
}

export function writeIso(path: string, volumeId: string, fileText = 'vscode-virtualbox test disc\n'): void {
    const [pvdAt, rootAt, fileAt, lPathAt, mPathAt] = [16, 20, 21, 18, 19];
    const content = Buffer.from(fileText);
    const total = fileAt + Math.ceil(content.length / SECTOR) + 1;
    const image = Buffer.alloc(total * SECTOR);

    const root = Buffer.concat([
        directoryRecord(Buffer.from([0]), rootAt, SECTOR, true),
        directoryRecord(Buffer.from([1]), rootAt, SECTOR, true),
        directoryRecord(Buffer.from('README.TXT;1'), fileAt, content.length, false),
    ]);

    const pvd = image.subarray(pvdAt * SECTOR, (pvdAt + 1) * SECTOR);
    pvd[0] = 1;
    pvd.write('CD001', 1, 'ascii');
    pvd[6] = 1;
    text(pvd, 8, 32, '');
    text(pvd, 40, 32, volumeId.toUpperCase().replace(/[^A-Z0-9_]/g, '_'));
    both32(pvd, 80, total);
    both16(pvd, 120, 1);
    both16(pvd, 124, 1);
    both16(pvd, 128, SECTOR);
    both32(pvd, 132, 10);
    pvd.writeUInt32LE(lPathAt, 140);
    pvd.writeUInt32BE(mPathAt, 148);
    directoryRecord(Buffer.from([0]), rootAt, SECTOR, true).copy(pvd, 156);
    for (const [offset, length] of [[190, 128], [318, 128], [446, 128], [574, 128], [702, 37], [739, 37], [776, 37]]) text(pvd, offset, length, '');
    for (const offset of [813, 830, 847, 864]) pvd.write('0000000000000000', offset, 'ascii');
    pvd[881] = 1;

    const terminator = image.subarray((pvdAt + 1) * SECTOR);
    terminator[0] = 255;
    terminator.write('CD001', 1, 'ascii');
    terminator[6] = 1;

    // One path table entry each (the root): id length 1, extent, parent 1, id 0, padding.
    const lPath = image.subarray(lPathAt * SECTOR);
    lPath[0] = 1;
    lPath.writeUInt32LE(rootAt, 2);
    lPath.writeUInt16LE(1, 6);
    const mPath = image.subarray(mPathAt * SECTOR);
    mPath[0] = 1;
    mPath.writeUInt32BE(rootAt, 2);
    mPath.writeUInt16BE(1, 6);

    root.copy(image, rootAt * SECTOR);
    content.copy(image, fileAt * SECTOR);
    writeFileSync(path, image);
}
