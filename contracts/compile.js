// compile.js: compiles contracts/HTLC.sol with the pinned solc-js (contracts/package.json) and
// prints the artifact (JSON) that contracts/compile.sh writes to contracts/HTLC.json and into
// the generated block of suites/lib/htlc.lua. Offline: solc-js carries its own compiler.
// Usage: node compile.js SOURCE_FILE ARTIFACT_OUT LUA_BLOCK_OUT
//   (compile.sh runs it; node_modules/solc is looked up next to this file)
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const solc = require('solc');

const [file, artifactOut, luaOut] = process.argv.slice(2);
if (!file || !artifactOut || !luaOut) {
  process.stderr.write('usage: node compile.js SOURCE_FILE ARTIFACT_OUT LUA_BLOCK_OUT\n');
  process.exit(2);
}
const source = fs.readFileSync(file, 'utf8');
const name = 'HTLC';
// The settings are part of what the artifact records and the check compares. EVM version
// paris: no PUSH0 (Shanghai) and no MCOPY/TSTORE (Cancun), so the code runs on every
// Ethereum-family dev node of the suite, old Ganache included.
const settings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'paris',
  metadata: { bytecodeHash: 'ipfs' },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object',
    'evm.methodIdentifiers'] } },
};
const input = { language: 'Solidity', sources: { 'HTLC.sol': { content: source } }, settings };
const out = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (out.errors || []).filter((e) => e.severity === 'error');
for (const e of out.errors || []) process.stderr.write(e.formattedMessage || e.message);
if (errors.length) process.exit(1);
const c = out.contracts['HTLC.sol'][name];
const selectors = {};
for (const sig of Object.keys(c.evm.methodIdentifiers).sort()) selectors[sig] = '0x' + c.evm.methodIdentifiers[sig];
const events = {};
for (const item of c.abi) {
  if (item.type !== 'event') continue;
  const sig = item.name + '(' + item.inputs.map((i) => i.type).join(',') + ')';
  events[sig] = null; // topic0 = keccak256(sig), computed by the scenarios at run time
}
const artifact = {
  contract: name,
  source: 'contracts/HTLC.sol',
  source_sha256: crypto.createHash('sha256').update(source).digest('hex'),
  compiler: { package: 'solc@' + require('solc/package.json').version, version: solc.version() },
  settings: { optimizer: settings.optimizer, evmVersion: settings.evmVersion, metadata: settings.metadata },
  abi: c.abi,
  selectors,
  events: Object.keys(events).sort(),
  bytecode: '0x' + c.evm.bytecode.object,
  deployedBytecode: '0x' + c.evm.deployedBytecode.object,
};
fs.writeFileSync(artifactOut, JSON.stringify(artifact, null, 2) + '\n');
// The block of suites/lib/htlc.lua between the BEGIN/END GENERATED lines: scenarios cannot read
// files (sandbox), so the code they deploy lives in the helper module.
const lua = [
  '-- BEGIN GENERATED (contracts/compile.sh from contracts/HTLC.sol; do not edit by hand)',
  'M.CONTRACT = {',
  '\tsolc = "' + artifact.compiler.version + '",',
  '\tevm_version = "' + settings.evmVersion + '",',
  '\toptimizer_runs = ' + settings.optimizer.runs + ',',
  '\tsource_sha256 = "' + artifact.source_sha256 + '",',
  '\tinit_code = "' + artifact.bytecode + '",',
  '\truntime_code = "' + artifact.deployedBytecode + '",',
  '}',
  '-- END GENERATED',
  '',
].join('\n');
fs.writeFileSync(luaOut, lua);
