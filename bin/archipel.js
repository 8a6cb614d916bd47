#!/usr/bin/env node
// Runs the CLI on the Node.js 24 pinned in package.json (the `node` package), whatever `node` the
// shell has: the sources are TypeScript that Node 24 runs directly.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cli = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
let nodeBinary = process.execPath;
if (major < 24) nodeBinary = require.resolve('node/bin/node');
// V8's young generation grows to 2 × 64 MiB by default and stays resident while the server idles;
// 2 × 16 MiB keeps 10,000 idle live sockets under 512 MiB (decision 045). npm start does the same.
const v8Flags = ['--max-semi-space-size=16'];
const result = spawnSync(nodeBinary, [...v8Flags, cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
