// Installed on each team database as `_design/workbench` by setup-team-database.mjs (see docs/TEAM.md).
// CouchDB runs it on every write: a document must be one workspace record as the workbench writes it,
// written under the name of the user who is signed in; the history (`revisions:…`) is append-only, and so
// are the chunks of original files and long texts (`blobs:<sha256>:<index>`).
// The setup script sends this function's own source text; it is ES5 (`var`, thrown objects) because
// CouchDB's JavaScript engine evaluates it as it is, and `{ forbidden }` is CouchDB's way to refuse a write.
/* eslint-disable no-prototype-builtins -- ES5 for CouchDB: no Object.hasOwn */
export function validateDocUpdate(newDoc, oldDoc, userCtx) {
  var KEYS = {
    sources: 'id',
    sourceTexts: 'sourceId',
    annotations: 'id',
    tags: 'id',
    registers: 'id',
    threats: 'id',
    actors: 'id',
    countries: 'code',
    briefings: 'id',
    views: 'id',
    exposureOverrides: 'id',
    revisions: 'id',
  };
  var isAdmin = userCtx.roles.indexOf('_admin') !== -1;
  if (newDoc._id.indexOf('_design/') === 0) {
    if (!isAdmin) throw { forbidden: 'Only the server administrator changes design documents.' };
    return;
  }
  if (newDoc._id.indexOf('blobs:') === 0) {
    // A chunk of an original file or a long text, named by its content's hash: written once, never changed.
    if (!isAdmin && newDoc.author !== userCtx.name) {
      throw { forbidden: 'A record must be written under the name of the user who is signed in.' };
    }
    if (oldDoc && !oldDoc._deleted) throw { forbidden: 'A file chunk is never changed or deleted.' };
    if (newDoc._deleted) return;
    var blob = newDoc.blob;
    var parts = newDoc._id.split(':');
    if (
      newDoc.table !== 'blobs' ||
      !blob ||
      parts.length !== 3 ||
      !/^[0-9a-f]{64}$/.test(parts[1]) ||
      blob.sha256 !== parts[1] ||
      String(blob.index) !== parts[2] ||
      !(newDoc._attachments && newDoc._attachments.chunk)
    ) {
      throw { forbidden: 'Not a workbench file chunk: ' + newDoc._id };
    }
    return;
  }
  var colon = newDoc._id.indexOf(':');
  var table = colon > 0 ? newDoc._id.slice(0, colon) : '';
  var key = newDoc._id.slice(colon + 1);
  if (!KEYS.hasOwnProperty(table) || !key) throw { forbidden: 'Not a workbench record: ' + newDoc._id };
  if (!isAdmin && newDoc.author !== userCtx.name) {
    throw { forbidden: 'A record must be written under the name of the user who is signed in.' };
  }
  if (table === 'revisions' && oldDoc && !oldDoc._deleted) {
    throw { forbidden: 'The history is append-only: a revision is never changed or deleted.' };
  }
  if (newDoc._deleted) return;
  if (newDoc.table !== table) throw { forbidden: 'The table of ' + newDoc._id + ' does not match its id.' };
  var record = newDoc.record;
  if (!record || typeof record !== 'object' || Array.isArray(record)) {
    throw { forbidden: newDoc._id + ' carries no record.' };
  }
  if (String(record[KEYS[table]]) !== key) throw { forbidden: 'The key of ' + newDoc._id + ' does not match its id.' };
  if (table === 'sourceTexts' && !(newDoc._attachments && newDoc._attachments.text) && !newDoc.textBlob) {
    throw { forbidden: 'A source text travels as the attachment “text”, or in chunks named by “textBlob”.' };
  }
}
