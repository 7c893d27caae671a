// Lints every Cypher statement of the project with Neo4j's own language service.
//
//   node tools/cypher-lint/lint.mjs [--statements DIR] [--browser DIR] [--schema FILE]
//
// Statements are the Neo4j store's graph/backends/neo4j_cypher/*.cypher and the
// Browser-ready queries/browser/*.cypher (declared as browser/<name>), one per file.
// {{placeholders}} are expanded with every value the schema allows, so what is
// linted is what can be sent. Each statement is linted with the parameters the
// schema declares for it. Any error or warning fails (exit code 1).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname, basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (flag, fallback) => {
  const at = args.indexOf(flag);
  return at >= 0 ? resolve(args[at + 1]) : fallback;
};
const statementsDir = option('--statements', resolve(here, '../../graph/backends/neo4j_cypher'));
const browserDir = option('--browser', resolve(here, '../../queries/browser'));
const schemaFile = option('--schema', resolve(here, 'schema.json'));
const spec = JSON.parse(readFileSync(schemaFile, 'utf8'));

const fn = (name) => ({
  name, category: '', description: '', isBuiltIn: true, argumentDescription: [],
  returnDescription: '', signature: '', aggregating: false, isDeprecated: false,
});
const proc = ({ name, args = [], optional = [], yields }) => ({
  name, description: '', mode: 'READ', worksOnSystem: false,
  argumentDescription: [
    ...args.map((a) => ({ name: a, type: 'ANY', description: '' })),
    ...optional.map((a) => ({ name: a, type: 'ANY', description: '', default: 'DefaultParameterValue{value=null}' })),
  ],
  returnDescription: yields.map((y) => ({ name: y, type: 'ANY', description: '' })),
  signature: '', admin: false, option: { deprecated: false },
});
const registry = (items, make) =>
  Object.fromEntries(items.map((i) => [typeof i === 'string' ? i : i.name, make(i)]));
const baseSchema = {
  labels: spec.labels,
  relationshipTypes: spec.relationshipTypes,
  propertyKeys: spec.propertyKeys,
  functions: { 'CYPHER 5': registry(spec.functions, fn), 'CYPHER 25': registry(spec.functions, fn) },
  procedures: { 'CYPHER 5': registry(spec.procedures, proc), 'CYPHER 25': registry(spec.procedures, proc) },
};

function expansions(text) {
  let variants = [text];
  for (const [key, values] of Object.entries(spec.placeholders || {})) {
    const token = `{{${key}}}`;
    if (!text.includes(token)) continue;
    variants = variants.flatMap((v) => values.map((value) => v.split(token).join(String(value))));
  }
  return variants;
}

const files = [];
for (const dir of [statementsDir, browserDir]) {
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.cypher')) files.push(join(dir, name));
  }
}

let problems = 0;
let linted = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const name = basename(file, '.cypher');
  const relative = dirname(file) === browserDir ? `browser/${name}` : name;
  if (!text.startsWith('//')) {
    console.log(`${file}:1:1: error: the first line must be a one-line // header comment`);
    problems += 1;
  }
  const declared = spec.statements[relative];
  if (!declared) {
    console.log(`${file}:1:1: error: statement ${relative} is not declared in ${schemaFile}`);
    problems += 1;
    continue;
  }
  const parameters = Object.fromEntries(declared.map((p) => [p, null]));
  for (const variant of expansions(text)) {
    const { diagnostics } = lintCypherQuery(variant, { ...baseSchema, parameters });
    linted += 1;
    for (const d of diagnostics) {
      const level = d.severity === 1 ? 'error' : 'warning';
      const { line, character } = d.range.start;
      console.log(`${file}:${line + 1}:${character + 1}: ${level}: ${d.message}`);
      problems += 1;
    }
  }
}
console.log(`cypher-lint: ${files.length} files, ${linted} statements linted, ${problems} problems`);
process.exit(problems === 0 && files.length > 0 ? 0 : 1);
