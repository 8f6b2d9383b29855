// The live connection: Server-Sent Events with a stale-data banner and automatic reconnection.
// A (re)connected stream first receives the current state of every view it asked for, then "ready",
// so nothing published while the connection was down is missed.

import { parse } from './api.js';
import { fmtClock } from './format.js';

const $ = (id) => document.getElementById(id);

export class LiveStream {
  /**
   * @param handlers {view(view), quality(q), ready()}; staleAfterMs: no event (not even a heartbeat)
   *        for this long means the push has stopped, so the page says so and reconnects.
   */
  constructor(handlers, staleAfterMs) {
    this.handlers = handlers;
    this.staleAfterMs = staleAfterMs;
    this.es = null;
    this.url = null;
    this.lastEventAt = 0;
    this.reconnectTimer = null;
    this.reconnectDelay = 1000;
    this.status = $('connection-status');
    this.lastUpdate = $('last-update');
    this.banner = $('stale-banner');
    this.reason = $('stale-reason');
    this.announcer = $('live-announcer');
    setInterval(() => this.checkStale(), Math.min(5000, Math.max(500, staleAfterMs / 3)));
    window.addEventListener('pagehide', () => this.close());
    window.addEventListener('pageshow', (e) => { if (e.persisted && this.url) this.open(this.url); });
  }

  open(url) {
    this.close();
    this.url = url;
    const es = new EventSource(url);
    this.es = es;
    this.lastEventAt = Date.now();
    const on = (type, handler) => es.addEventListener(type, (e) => {
      if (this.es !== es) return; // from a stream since closed
      this.lastEventAt = Date.now();
      handler(e);
    });
    on('view', (e) => { const v = parse(e.data); if (v) this.handlers.view(v); });
    on('quality', (e) => { const q = parse(e.data); if (q && this.handlers.quality) this.handlers.quality(q); });
    on('ready', () => {
      this.reconnectDelay = 1000;
      this.setLive(true);
      if (this.handlers.ready) this.handlers.ready();
    });
    on('heartbeat', () => {});
    es.onerror = () => {
      if (this.es !== es) return;
      this.setLive(false, 'The connection to the server was lost.');
      if (es.readyState === EventSource.CLOSED) {
        // The browser gave up (an HTTP error status): retry ourselves, backing off to a minute.
        this.reconnectTimer = setTimeout(() => this.open(url), this.reconnectDelay);
        this.reconnectDelay = Math.min(this.reconnectDelay * 2, 60_000);
      }
    };
  }

  close() {
    clearTimeout(this.reconnectTimer);
    if (this.es) this.es.close();
    this.es = null;
  }

  /** Marks that figures changed on the page just now. */
  updated() {
    this.lastUpdate.textContent = `Updated ${fmtClock()}`;
  }

  setLive(live, reason) {
    this.status.textContent = live ? 'Live' : 'Reconnecting…';
    this.status.dataset.state = live ? 'live' : 'reconnecting';
    if (reason) this.reason.textContent = reason;
    // The banner is for the eye; the announcer, always in the page, tells a screen reader.
    if (this.banner.hidden !== live) {
      this.announcer.textContent = live ? 'Live updates resumed.' : `Live updates interrupted. ${this.reason.textContent}`;
    }
    this.banner.hidden = live;
  }

  /**
   * Nothing (not even a heartbeat) since the last event or the last attempt to connect: the push has
   * stopped, or a connection opened but never answered. Say so and connect again; a fresh connection
   * resends the current state and ends with "ready".
   */
  checkStale() {
    if (!this.es) return;
    if (Date.now() - this.lastEventAt > this.staleAfterMs) {
      if (this.banner.hidden) this.setLive(false, 'No update has arrived from the server for a while.');
      this.open(this.url);
    }
  }
}

/** Briefly highlights an element whose figures just changed (the "updated" cue). */
export function flash(node) {
  if (!node) return;
  node.classList.remove('flash');
  void node.offsetWidth; // restart the animation
  node.classList.add('flash');
}
