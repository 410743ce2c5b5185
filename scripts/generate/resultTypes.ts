import * as path from 'node:path';
import ts from 'typescript';

/**
 * What each operation returns, read from its TypeScript result type (the `R` of `Operation<S, R>`): operations have
 * no result schema, but their result interfaces are typed and commented, so the compiler can describe them. Used
 * for the "Result" part of docs/operations.md and the "Returns" sentence of the tools' model descriptions.
 */
export interface ResultDoc {
    /** e.g. `object`, `list of objects`, `nothing`, `string`. */
    readonly summary: string;
    readonly fields: readonly ResultField[];
    /** For a union of objects (e.g. one shape per `kind`): each shape. */
    readonly variants?: readonly ResultDoc[];
}

export interface ResultField {
    /** Dotted, with `[]` for list items: `rules[].hostPort` (for a list result, the fields of each item). */
    readonly path: string;
    readonly type: string;
    readonly optional: boolean;
    readonly description: string;
}

const MAX_DEPTH = 3;

/**
 * The result of every operation in `allOperations`, in catalogue order. Follows the initializer of `allOperations`
 * through spreads and imports down to the operation constants, so that it works for operations made by factories.
 */
/** An operation as the compiler sees it: its result, and the file that defines it (for the error codes it throws). */
export interface OperationTypes {
    readonly result: ResultDoc;
    readonly sourceFile: string;
}

/** Every operation's types, in catalogue order, and the named value sets (e.g. VmState) their fields use. */
export interface CatalogueTypes {
    readonly operations: readonly OperationTypes[];
    /** A string-literal union type by its name, e.g. `VmState` → ['poweroff', 'running', ...]. */
    readonly valueSets: Readonly<Record<string, readonly string[]>>;
}

export function readOperationTypes(repoRoot: string): CatalogueTypes {
    // Building the program takes seconds; the manifest and the docs (and their tests) share one reading.
    let types = cache.get(repoRoot);
    if (!types) cache.set(repoRoot, (types = readFromProgram(repoRoot)));
    return types;
}

const cache = new Map<string, CatalogueTypes>();

function readFromProgram(repoRoot: string): CatalogueTypes {
    const index = path.join(repoRoot, 'src', 'operations', 'index.ts');
    const program = ts.createProgram([index], compilerOptions(repoRoot));
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(index);
    if (!source) throw new Error(`Cannot read ${index}`);
    const declaration = findVariable(source, 'allOperations');
    if (!declaration?.initializer) throw new Error('src/operations/index.ts no longer declares allOperations as a constant');
    const reader = new ResultReader(checker);
    const operations = operationNodes(checker, declaration.initializer).map((node) => ({
        result: reader.describeResult(node),
        sourceFile: definingFile(checker, node),
    }));
    return { operations, valueSets: Object.fromEntries([...reader.valueSets].sort(([a], [b]) => a.localeCompare(b))) };
}

function compilerOptions(repoRoot: string): ts.CompilerOptions {
    const configPath = path.join(repoRoot, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, ts.sys.readFile);
    return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot).options, noEmit: true };
}

function findVariable(source: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
    let found: ts.VariableDeclaration | undefined;
    source.forEachChild(function visit(node) {
        if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) found = node;
        else node.forEachChild(visit);
    });
    return found;
}

/** The expressions that are operations, in array order: `[...vmOperations, x]` → the elements of vmOperations, then x. */
function operationNodes(checker: ts.TypeChecker, expression: ts.Expression): ts.Expression[] {
    const inner = unwrap(expression);
    if (ts.isArrayLiteralExpression(inner)) {
        return inner.elements.flatMap((element) => (ts.isSpreadElement(element) ? operationNodes(checker, element.expression) : [element]));
    }
    if (ts.isIdentifier(inner)) {
        const initializer = initializerOf(checker, inner);
        if (initializer) return operationNodes(checker, initializer);
    }
    throw new Error(`Cannot follow the operation list at "${inner.getText()}"`);
}

function unwrap(expression: ts.Expression): ts.Expression {
    let current = expression;
    while (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current)) current = current.expression;
    return current;
}

function initializerOf(checker: ts.TypeChecker, identifier: ts.Identifier): ts.Expression | undefined {
    let symbol = checker.getSymbolAtLocation(identifier);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration;
    return declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
}

function definingFile(checker: ts.TypeChecker, node: ts.Expression): string {
    let symbol = ts.isIdentifier(node) ? checker.getSymbolAtLocation(node) : undefined;
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return (symbol?.valueDeclaration ?? node).getSourceFile().fileName;
}

/** Describes result types; collects the named string unions the fields use, to list their values once. */
class ResultReader {
    readonly valueSets = new Map<string, string[]>();

    constructor(private readonly checker: ts.TypeChecker) {}

    /** The awaited return type of the operation's `run`. */
    describeResult(node: ts.Expression): ResultDoc {
        const operationType = this.checker.getTypeAtLocation(node);
        const run = operationType.getProperty('run');
        const signature = run && this.checker.getTypeOfSymbolAtLocation(run, node).getCallSignatures()[0];
        if (!signature) throw new Error(`"${node.getText()}" has no run method`);
        return this.describeType(this.checker.getAwaitedType(signature.getReturnType()) ?? signature.getReturnType());
    }

    private describeType(type: ts.Type): ResultDoc {
        const checker = this.checker;
        if (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return { summary: 'nothing', fields: [] };
        if (checker.isArrayType(type)) {
            const item = checker.getTypeArguments(type as ts.TypeReference)[0];
            if (isPlainObject(item)) return { summary: 'list of objects', fields: this.objectFields(item, '', 1) };
            return { summary: `list of ${typeText(checker, item)}`, fields: [] };
        }
        if (isPlainObject(type)) return { summary: 'object', fields: this.objectFields(type, '', 1) };
        if (type.isUnion() && type.types.every(isPlainObject)) {
            return { summary: 'one of these objects', fields: [], variants: type.types.map((member) => this.describeType(member)) };
        }
        return { summary: typeText(checker, type), fields: [] };
    }

    private objectFields(type: ts.Type, prefix: string, depth: number): ResultField[] {
        const checker = this.checker;
        const fields: ResultField[] = [];
        for (const property of checker.getPropertiesOfType(type)) {
            const declaration = property.valueDeclaration ?? property.declarations?.[0];
            const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
            let propertyType = declaration ? checker.getTypeOfSymbolAtLocation(property, declaration) : checker.getTypeOfSymbol(property);
            if (optional) propertyType = checker.getNonNullableType(propertyType);
            const fieldPath = `${prefix}${property.name}`;
            const description = ts.displayPartsToString(property.getDocumentationComment(checker)).replace(/\s*\n\s*/g, ' ').trim();
            const isList = checker.isArrayType(propertyType);
            const item = isList ? checker.getTypeArguments(propertyType as ts.TypeReference)[0] : undefined;
            const nested = item && isPlainObject(item) ? item : !isList && isPlainObject(propertyType) ? propertyType : undefined;
            const shown = nested ? (isList ? 'list of objects' : 'object') : (this.declaredText(declaration) ?? typeText(checker, propertyType));
            fields.push({ path: fieldPath, type: shown, optional, description });
            if (nested && depth < MAX_DEPTH) fields.push(...this.objectFields(nested, `${fieldPath}${isList ? '[]' : ''}.`, depth + 1));
        }
        return fields;
    }

    /**
     * The type as its author wrote it, when it names a string union (`VmState | 'unknown'`): shorter than the
     * spelled-out values, which are listed once under the union's name instead.
     */
    private declaredText(declaration: ts.Declaration | undefined): string | undefined {
        const typeNode = declaration && ts.isPropertySignature(declaration) ? declaration.type : undefined;
        if (!typeNode) return undefined;
        let namesUnion = false;
        const visit = (node: ts.Node): void => {
            if (ts.isTypeReferenceNode(node) && this.noteValueSet(node)) namesUnion = true;
            node.forEachChild(visit);
        };
        visit(typeNode);
        return namesUnion ? typeNode.getText().replace(/\s+/g, ' ') : undefined;
    }

    private noteValueSet(reference: ts.TypeReferenceNode): boolean {
        const type = this.checker.getTypeAtLocation(reference);
        if (!type.isUnion() || !type.types.every((member) => member.isStringLiteral())) return false;
        const name = reference.typeName.getText();
        if (!this.valueSets.has(name)) this.valueSets.set(name, type.types.map((member) => (member as ts.StringLiteralType).value));
        return true;
    }
}

/** An object with named properties (an interface or type literal), not a primitive, array, function or string-keyed map. */
function isPlainObject(type: ts.Type): boolean {
    if (!(type.flags & ts.TypeFlags.Object) || type.getCallSignatures().length > 0) return false;
    if (type.getStringIndexType() || type.getNumberIndexType()) return false;
    return type.getProperties().length > 0;
}

/** Unions spelled out member by member, so that a union alias such as VmState shows its values. */
function typeText(checker: ts.TypeChecker, type: ts.Type): string {
    const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
    if (type.isUnion() && !(type.flags & ts.TypeFlags.Boolean)) {
        const members = type.types.filter((member) => !(member.flags & ts.TypeFlags.BooleanLiteral));
        const hasBoolean = members.length !== type.types.length;
        return [...(hasBoolean ? ['boolean'] : []), ...members.map((member) => checker.typeToString(member, undefined, flags))].join(' | ');
    }
    return checker.typeToString(type, undefined, flags);
}
