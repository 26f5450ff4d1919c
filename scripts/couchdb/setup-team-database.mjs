#!/usr/bin/env node
// Sets up one team database on an Apache CouchDB server (an administrator runs it once per shared workspace):
// creates the database, lets only the named analysts in (`_security` members), and installs the
// validation document shipped beside this script. The administrator's password is read from the
// COUCHDB_ADMIN_PASSWORD environment variable, never from the command line, and is never printed.
//
//   COUCHDB_ADMIN_PASSWORD=… node scripts/couchdb/setup-team-database.mjs \
//     --url https://couch.institute.example:6984 --database sahel-team --admin admin --members amira,bruno
import { parseArgs } from 'node:util';
import { validateDocUpdate } from './validate-doc-update.mjs';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    database: { type: 'string' },
    admin: { type: 'string' },
    members: { type: 'string', default: '' },
  },
});

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (!values.url || !values.database || !values.admin) {
  fail('Give --url, --database and --admin (and --members name1,name2); the password goes in COUCHDB_ADMIN_PASSWORD.');
}
const url = new URL(values.url);
const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
if (url.protocol !== 'https:' && !loopback)
  fail('The server address must use https:// (plain http only on 127.0.0.1).');
if (!/^[a-z][a-z0-9_$()+/-]*$/.test(values.database))
  fail('That is not a CouchDB database name (lower-case letter first).');
const password = process.env.COUCHDB_ADMIN_PASSWORD ?? '';
const auth = `Basic ${Buffer.from(`${values.admin}:${password}`).toString('base64')}`;
const base = `${values.url.replace(/\/+$/, '')}/${encodeURIComponent(values.database)}`;
const members = values.members
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);

async function call(method, path, body, allowed = []) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok && !allowed.includes(response.status)) {
    fail(`${method} ${path || '/'} failed with ${response.status}: ${(await response.text()).slice(0, 200)}`);
  }
  return response;
}

const created = await call('PUT', '', undefined, [412]);
console.log(created.status === 412 ? `Database ${values.database} already exists.` : `Created ${values.database}.`);
await call('PUT', '/_security', { admins: { names: [], roles: ['_admin'] }, members: { names: members, roles: [] } });
console.log(`Members: ${members.length > 0 ? members.join(', ') : 'none yet (only administrators can use it)'}.`);
// CouchDB wants an anonymous function's text.
const validate = validateDocUpdate.toString().replace(/^function validateDocUpdate/, 'function');
const existing = await call('GET', '/_design/workbench', undefined, [404]);
const rev = existing.status === 404 ? undefined : (await existing.json())._rev;
await call('PUT', '/_design/workbench', { ...(rev ? { _rev: rev } : {}), validate_doc_update: validate });
console.log('Installed the validation document _design/workbench.');
