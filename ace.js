/*
|--------------------------------------------------------------------------
| Ace entry point
|--------------------------------------------------------------------------
|
| Registers the TypeScript loader so that commands run straight from the
| source tree, then hands over to bin/console.ts.
|
*/
import 'ts-node-maintained/register/esm'
await import('./bin/console.js')
