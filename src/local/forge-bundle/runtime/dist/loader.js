'use strict';
// Local stand-in for Forge's runtime loader (Atlassian's is downloaded from its CDN): hands over to the wrapper shipped beside it.
module.exports = require('./__forge_wrapper__.cjs');
