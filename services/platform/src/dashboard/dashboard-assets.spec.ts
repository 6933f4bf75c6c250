import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

// The page's scripts are plain JS modules (no build step) typed with JSDoc. The workspace's tsc run covers only
// .ts files, so this spec is what keeps them type-checked against the DOM, and keeps the .d.ts files the other
// specs import in step with the JSDoc they were emitted from.

const ASSETS = join(__dirname, 'assets');
const MODULES = ['dashboard.js', 'dashboard-data.js', 'dashboard-charts.js'].map((file) => join(ASSETS, file));
const DECLARED = ['dashboard-data', 'dashboard-charts'];
const HEADER_LINES = 3;

const options: ts.CompilerOptions = {
  allowJs: true,
  checkJs: true,
  strict: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ES2022,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  declaration: true,
  emitDeclarationOnly: true,
  outDir: '/declarations',
};

describe('the page’s script modules', () => {
  const emitted = new Map<string, string>();
  let diagnostics: readonly ts.Diagnostic[];

  beforeAll(() => {
    const host = ts.createCompilerHost(options);
    // Without the committed declarations in sight, tsc reads the JSDoc of the .js files themselves.
    const hidden = (file: string) => file.startsWith(ASSETS) && file.endsWith('.d.ts');
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (file) => !hidden(file) && fileExists(file);
    host.writeFile = (file, text) => emitted.set(file, text);
    const program = ts.createProgram(MODULES, options, host);
    diagnostics = ts.getPreEmitDiagnostics(program);
    program.emit();
  });

  it('type-check against the DOM without an error', () => {
    const messages = diagnostics.map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${d.file?.fileName ?? ''}:${where ? where.line + 1 : ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(messages).toEqual([]);
  });

  it.each(DECLARED)('%s.d.ts declares what the JSDoc of its .js module says', (name) => {
    const committed = readFileSync(join(ASSETS, `${name}.d.ts`), 'utf8').split('\n').slice(HEADER_LINES).join('\n');
    expect(committed).toBe(emitted.get(`/declarations/${name}.d.ts`));
  });
});
