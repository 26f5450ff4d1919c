import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../../shared/ipc/channels';

/**
 * Commands that act on what a view holds (the open briefing, the current source's passages, the reader's
 * selection) are answered by that view while it is mounted. A command given while its view is not on
 * screen waits briefly, so that "navigate, then act" reaches the view once it has mounted.
 */
type Handler = () => void;

const handlers = new Map<MenuCommand, Handler[]>();
let waiting: { command: MenuCommand; at: number } | null = null;
const WAIT_MS = 3000;

export function hasViewHandler(command: MenuCommand): boolean {
  return (handlers.get(command)?.length ?? 0) > 0;
}

/** Runs the view's handler now, or once the view mounts (within a few seconds). */
export function deliverToView(command: MenuCommand): void {
  const list = handlers.get(command);
  const handler = list?.[list.length - 1];
  if (handler) {
    waiting = null;
    handler();
  } else {
    waiting = { command, at: Date.now() };
  }
}

function register(command: MenuCommand, handler: Handler): () => void {
  const list = handlers.get(command) ?? [];
  list.push(handler);
  handlers.set(command, list);
  if (waiting?.command === command) {
    const fresh = Date.now() - waiting.at < WAIT_MS;
    waiting = null;
    // After the mount that registered us has painted, so the view's state is there to act on.
    if (fresh) setTimeout(handler, 0);
  }
  return () => {
    const at = list.indexOf(handler);
    if (at >= 0) list.splice(at, 1);
  };
}

/**
 * Answers `command` while the calling component is mounted and `ready` (its data has loaded); the
 * latest mounted handler is used.
 */
export function useViewCommand(command: MenuCommand, handler: Handler, ready = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => (ready ? register(command, () => latest.current()) : undefined), [command, ready]);
}
