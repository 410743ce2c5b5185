import ts from 'typescript';

/**
 * Finds, in TypeScript source, every way a command could reach a shell or be built as one string: `shell:` set to
 * anything but `false`; the shell-based or string-taking process APIs (`exec`, `execSync`, `execaCommand`, execa's
 * `$`); a process call whose command is a built string or that has no argument array; `sh -c` and its kin;
 * VBoxManage calls (`command(...)`) whose arguments are a string or a split string; terminals fed text.
 */
export interface Finding {
    readonly file: string;
    readonly line: number;
    readonly problem: string;
}

const SHELL_APIS = new Set(['exec', 'execSync', 'execaCommand', 'execaCommandSync', '$']);
const PROCESS_CALLS = new Set(['execa', 'execaSync', 'execaNode', 'spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']);
const SHELLS = /^(?:\/bin\/|\/usr\/bin\/)?(?:sh|bash|zsh|dash|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh)$/;

const isBuiltString = (node: ts.Node): boolean =>
    ts.isTemplateExpression(node) || (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken);

const isSplitCall = (node: ts.Node): boolean =>
    ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'split';

function calleeName(call: ts.CallExpression): string | undefined {
    const callee = call.expression;
    if (ts.isIdentifier(callee)) return callee.text;
    if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
    return undefined;
}

export function scanSource(file: string, text: string): Finding[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const findings: Finding[] = [];
    const report = (node: ts.Node, problem: string) =>
        findings.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, problem });

    const visit = (node: ts.Node) => {
        if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'shell' && node.initializer.kind !== ts.SyntaxKind.FalseKeyword) {
            report(node, `shell: ${node.initializer.getText(source)}`);
        }
        if (ts.isShorthandPropertyAssignment(node) && node.name.text === 'shell') report(node, 'shell set from a variable');
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
            const from = node.moduleSpecifier.text;
            const names = node.importClause?.namedBindings && ts.isNamedImports(node.importClause.namedBindings) ? node.importClause.namedBindings.elements : [];
            for (const element of names) {
                const imported = (element.propertyName ?? element.name).text;
                if (/^(node:)?child_process$|^execa$/.test(from) && SHELL_APIS.has(imported)) report(element, `imports ${imported} from ${from} (runs a command line)`);
            }
            if (/^(node:)?child_process$/.test(from)) report(node, `imports ${from}: only the runner starts processes, through execa`);
        }
        if (ts.isCallExpression(node)) {
            const name = calleeName(node);
            const [first, second] = node.arguments;
            if (name && PROCESS_CALLS.has(name)) {
                if (!second) report(node, `${name}() without an argument array`);
                else if (first && isBuiltString(first)) report(node, `${name}() with a command built as a string`);
                if (first && ts.isStringLiteral(first) && SHELLS.test(first.text)) report(node, `${name}() starts the shell ${first.text}`);
                if (second && ts.isArrayLiteralExpression(second) && second.elements.some((element) => ts.isStringLiteral(element) && /^[-/][cC]$|^-Command$/.test(element.text))) {
                    report(node, `${name}() passes a command line to a shell`);
                }
            }
            if (name === 'command' && first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first) || isBuiltString(first) || isSplitCall(first))) {
                report(node, 'command() with its arguments as one string');
            }
            if (name === 'sendText') report(node, 'text sent to a terminal (a shell)');
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return findings;
}
