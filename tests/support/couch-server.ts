import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A CouchDB-compatible server for tests: express-pouchdb over PouchDB's in-memory adapter. */
export interface TestCouch {
  url: string;
  /** Adds an analyst's account (`_users`), whose password is `<name>-pw`. */
  addUser: (name: string, adminAuth?: string) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Starts the test double on 127.0.0.1 on a free port (the issue's `pouchdb-server -m`, in the test's own
 * process so no second program has to be started and stopped). Loopback only; everything is in memory.
 */
export async function startTestCouch(options: { accounts?: boolean } = {}): Promise<TestCouch> {
  const PouchDB = require('pouchdb-core')
    .plugin(require('pouchdb-adapter-memory'))
    .plugin(require('pouchdb-adapter-http'))
    .plugin(require('pouchdb-mapreduce'))
    .plugin(require('pouchdb-replication'));
  const express = require('express');
  const expressPouch = require('express-pouchdb');
  const MemoryPouch = PouchDB.defaults({ adapter: 'memory' });
  const app = express();
  // As CouchDB's `[cors]` section does for the workbench's window (see docs/TEAM.md): the window is another origin.
  app.use(
    (
      req: { method: string; headers: Record<string, string | undefined> },
      res: { setHeader: (k: string, v: string) => void; sendStatus: (s: number) => void },
      next: () => void,
    ) => {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, DELETE, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Accept, Authorization, Content-Type');
      if (req.method === 'OPTIONS') res.sendStatus(204);
      else next();
    },
  );
  app.use(
    expressPouch(MemoryPouch, {
      // With accounts: users, `_security` and validation documents, as CouchDB (slower: every request is authenticated).
      mode: options.accounts ? 'fullCouchDB' : 'minimumForPouchDB',
      inMemoryConfig: true,
      logPath: '/dev/null',
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  // Idle connections stay open a minute (Node closes them after 5 s): on a machine busy enough to fire the
  // client's idle timer late, a request would otherwise go out on a connection the server just closed.
  server.keepAliveTimeout = 60_000;
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    addUser: async (name, adminAuth) => {
      const response = await fetch(`${url}/_users/org.couchdb.user:${name}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...(adminAuth ? { Authorization: adminAuth } : {}) },
        body: JSON.stringify({
          _id: `org.couchdb.user:${name}`,
          name,
          type: 'user',
          roles: [],
          password: `${name}-pw`,
        }),
      });
      if (!response.ok) throw new Error(`could not add the user ${name}: ${response.status}`);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
