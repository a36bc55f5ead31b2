#!/usr/bin/env node
/*
| `npx stockroom …` in a checkout: register the TypeScript loader, then run
| bin/stockroom.ts. A build compiles that file to build/bin/stockroom.js,
| which replaces this shim there (this file is not copied into build/).
*/
import 'ts-node-maintained/register/esm'
await import('./stockroom.ts')
