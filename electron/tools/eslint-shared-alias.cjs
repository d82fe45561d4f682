/**
 * ESLint's import resolver for the `@shared/...` alias (electron/shared, as in tsconfig.json's
 * paths and electron.vite.config.ts), so that eslint-plugin-boundaries puts those imports in the
 * shared room and its walls apply to them; everything else resolves as Node does.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: eslint loads resolvers with require() */
const path = require('node:path');
const node = require('eslint-import-resolver-node');

const SHARED = path.join(__dirname, '..', 'shared');

exports.interfaceVersion = 2;

exports.resolve = (source, file, config) =>
  node.resolve(source.startsWith('@shared/') ? path.join(SHARED, source.slice('@shared/'.length)) : source, file, config);
