#!/usr/bin/env node
// The mucsim command: a simulator and debugger of XEP-0045 Multi-User Chat
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv);
