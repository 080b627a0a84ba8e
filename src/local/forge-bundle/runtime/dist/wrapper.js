'use strict';
// Local stand-in for Forge's runtime wrapper: resolves a manifest handler ('index.resolver') to the bundle's
// export. The platform globals (__forge_fetch__, __forge_runtime__) are installed by the local site's Forge seam.
const path = require('path');

function handler(ref) {
  const at = ref.lastIndexOf('.');
  if (at <= 0) throw new Error(`Not a Forge handler reference: '${ref}' (expected module.export)`);
  const module = require(path.join(__dirname, `${ref.slice(0, at)}.cjs`));
  const fn = module[ref.slice(at + 1)];
  if (typeof fn !== 'function') throw new Error(`The bundle's ${ref.slice(0, at)}.cjs does not export a function '${ref.slice(at + 1)}'`);
  return fn;
}

module.exports = { handler };
