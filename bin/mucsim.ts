#!/usr/bin/env node
// The mucsim command: a simulator and debugger of XEP-0045 Multi-User Chat
// Source maps go on before the bundle loads, so a stack trace in a bug report names src/ lines.
process.setSourceMapsEnabled(true);
const { main } = await import('../src/cli/main.js');
process.exitCode = await main(process.argv);
