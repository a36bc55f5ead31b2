/*
|--------------------------------------------------------------------------
| Node.js compatibility
|--------------------------------------------------------------------------
|
| Ace (@adonisjs/ace 13, the line AdonisJS 6 uses) checks every command's
| metadata with jsonschema 1.5. That library resolves the schema's
| "#/definitions/…" references against the base "thismessage::/" when the
| schema has no $id, and Node.js 24.20+ rejects that base as an invalid URL
| (WHATWG parsing of non-special schemes), so `node ace …` fails to load
| any command. Ace 14 fixed it by giving its schema an $id; AdonisJS 6
| cannot take Ace 14. Until it can, schemas validated without a base get
| one that parses everywhere. Imported first by bin/console.ts.
|
*/
import jsonschema from 'jsonschema'

const SCHEMA_BASE = 'stockroom:///schema'
const { Validator } = jsonschema
const validate = Validator.prototype.validate

Validator.prototype.validate = function (instance, schema, options, ctx) {
  const needsBase = !ctx && !options?.base && typeof schema === 'object' && !schema?.$id && !schema?.id
  return validate.call(this, instance, schema, needsBase ? { ...options, base: SCHEMA_BASE } : options, ctx)
}
