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
export function readResultTypes(repoRoot: string): readonly ResultDoc[] {
    // Building the program takes seconds; the manifest and the docs (and their tests) share one reading.
    let results = cache.get(repoRoot);
    if (!results) cache.set(repoRoot, (results = readFromProgram(repoRoot)));
    return results;
}

const cache = new Map<string, readonly ResultDoc[]>();

function readFromProgram(repoRoot: string): ResultDoc[] {
    const index = path.join(repoRoot, 'src', 'operations', 'index.ts');
    const program = ts.createProgram([index], compilerOptions(repoRoot));
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(index);
    if (!source) throw new Error(`Cannot read ${index}`);
    const declaration = findVariable(source, 'allOperations');
    if (!declaration?.initializer) throw new Error('src/operations/index.ts no longer declares allOperations as a constant');
    return operationNodes(checker, declaration.initializer).map((node) => describeResult(checker, node));
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

/** The awaited return type of the operation's `run`. */
function describeResult(checker: ts.TypeChecker, node: ts.Expression): ResultDoc {
    const operationType = checker.getTypeAtLocation(node);
    const run = operationType.getProperty('run');
    const signature = run && checker.getTypeOfSymbolAtLocation(run, node).getCallSignatures()[0];
    if (!signature) throw new Error(`"${node.getText()}" has no run method`);
    const result = checker.getAwaitedType(signature.getReturnType()) ?? signature.getReturnType();
    return describeType(checker, result);
}

function describeType(checker: ts.TypeChecker, type: ts.Type): ResultDoc {
    if (type.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) return { summary: 'nothing', fields: [] };
    if (checker.isArrayType(type)) {
        const item = checker.getTypeArguments(type as ts.TypeReference)[0];
        if (isPlainObject(item)) return { summary: 'list of objects', fields: objectFields(checker, item, '', 1) };
        return { summary: `list of ${typeText(checker, item)}`, fields: [] };
    }
    if (isPlainObject(type)) return { summary: 'object', fields: objectFields(checker, type, '', 1) };
    if (type.isUnion() && type.types.every(isPlainObject)) {
        return { summary: 'one of these objects', fields: [], variants: type.types.map((member) => describeType(checker, member)) };
    }
    return { summary: typeText(checker, type), fields: [] };
}

function objectFields(checker: ts.TypeChecker, type: ts.Type, prefix: string, depth: number): ResultField[] {
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
        const shown = nested ? (isList ? 'list of objects' : 'object') : typeText(checker, propertyType);
        fields.push({ path: fieldPath, type: shown, optional, description });
        if (nested && depth < MAX_DEPTH) fields.push(...objectFields(checker, nested, `${fieldPath}${isList ? '[]' : ''}.`, depth + 1));
    }
    return fields;
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
