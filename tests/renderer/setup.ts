// Real IndexedDB semantics in Node for Dexie (the e2e suite uses Chromium's own IndexedDB).
import 'fake-indexeddb/auto';
