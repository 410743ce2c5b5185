import * as vscode from 'vscode';
import type { VmSummary } from '../../operations/vm/listVms';
import { counts } from '../common/plural';
import type { TreeNode } from '../common/treeNode';
import { VmNode, type MachinesContext } from './vmNode';

/** A VirtualBox group (`/Team/Web`) as a folder: its subgroups first, then its VMs, each sorted by name. */
export class GroupNode implements TreeNode {
    readonly id: string;

    constructor(
        private readonly path: string,
        private readonly vms: readonly VmSummary[],
        private readonly context: MachinesContext,
    ) {
        this.id = `group${path}`;
    }

    getTreeItem(): vscode.TreeItem {
        const item = new vscode.TreeItem(this.path.slice(this.path.lastIndexOf('/') + 1), vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('folder');
        const count = this.vms.filter((vm) => vm.groups.some((group) => group === this.path || group.startsWith(`${this.path}/`))).length;
        item.description = counts.vms(count);
        item.tooltip = this.path;
        item.contextValue = 'vmGroup';
        return item;
    }

    getChildren(): TreeNode[] {
        return groupChildren(this.path, this.vms, this.context);
    }
}

/** The children of a group path: the next level of subgroups, then the VMs that are directly in it. */
export function groupChildren(path: string, vms: readonly VmSummary[], context: MachinesContext): TreeNode[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    const subgroups = new Set<string>();
    for (const vm of vms) {
        for (const group of vm.groups) {
            if (group === path || !group.startsWith(prefix)) continue;
            subgroups.add(prefix + group.slice(prefix.length).split('/')[0]);
        }
    }
    const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
    const folders = [...subgroups].sort(byName).map((sub) => new GroupNode(sub, vms, context));
    const direct = vms
        .filter((vm) => vm.groups.includes(path) || (path === '/' && vm.groups.length === 0))
        .sort((a, b) => byName(a.name, b.name))
        .map((vm) => new VmNode(vm, context, path));
    return [...folders, ...direct];
}
