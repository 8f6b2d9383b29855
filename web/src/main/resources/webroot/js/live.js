// The live connection: Server-Sent Events with a stale-data banner and automatic reconnection.
// A (re)connected stream first receives the current state of every view it asked for, then "ready",
// so nothing published while the connection was down is missed. When the server cannot reach the
// figures store it says so ("status" events) and the page shows a "data delayed" banner until the
// figures flow again.

import { getJson, parse, signInAgain } from './api.js';
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
    this.lastEventId = null;
    this.delayed = delayedBanner(this.banner);
    setInterval(() => this.checkStale(), Math.min(5000, Math.max(500, staleAfterMs / 3)));
    window.addEventListener('pagehide', () => this.close());
    window.addEventListener('pageshow', (e) => { if (e.persisted && this.url) this.open(this.url); });
  }

  open(url) {
    this.close();
    this.url = url;
    // A stream the page reopens itself does not send Last-Event-ID: name it in the address instead.
    const es = new EventSource(this.lastEventId ? `${url}&last_event_id=${encodeURIComponent(this.lastEventId)}` : url);
    this.es = es;
    this.lastEventAt = Date.now();
    const on = (type, handler) => es.addEventListener(type, (e) => {
      if (this.es !== es) return; // from a stream since closed
      this.lastEventAt = Date.now();
      if (e.lastEventId) this.lastEventId = e.lastEventId;
      handler(e);
    });
    on('status', (e) => { const s = parse(e.data); if (s) this.showDataStatus(s); });
    on('view', (e) => { const v = parse(e.data); if (v) this.handlers.view(v); });
    on('quality', (e) => { const q = parse(e.data); if (q && this.handlers.quality) this.handlers.quality(q); });
    on('ready', () => {
      this.reconnectDelay = 1000;
      this.setLive(true);
      if (this.handlers.ready) this.handlers.ready();
    });
    on('heartbeat', () => {});
    // The server ends a stream whose session has ended or whose access was withdrawn.
    on('signed_out', () => { this.close(); signInAgain(); });
    es.onerror = () => {
      if (this.es !== es) return;
      this.setLive(false, 'The connection to the server was lost.');
      if (es.readyState === EventSource.CLOSED) {
        // Refused: if it is because the session ended, getJson sends the reader to sign in again.
        getJson('/api/session').catch(() => {});
        // The browser gave up (an HTTP error status): retry ourselves, backing off to a minute.
        this.reconnectTimer = setTimeout(() => this.open(url), this.reconnectDelay);
        this.reconnectDelay = Math.min(this.reconnectDelay * 2, 60_000);
      }
    };
  }

  /** The server says whether figures are arriving from the store; the banner says so to the reader. */
  showDataStatus(status) {
    const delayed = status.data === 'delayed';
    if (delayed) {
      const since = status.since ? ` since ${fmtClock(new Date(status.since))}` : '';
      this.delayed.querySelector('span').textContent = `The server has been unable to reach the figures store${since}. `
        + 'The figures below are as they were then; they will update by themselves when it is back.';
    }
    if (this.delayed.hidden === delayed) {
      this.announcer.textContent = delayed ? 'Data delayed: the figures are not being updated.' : 'Data flowing again: figures up to date.';
    }
    this.delayed.hidden = !delayed;
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

/** The "data delayed" banner, placed beside the connection banner (the pages share it from here). */
function delayedBanner(beside) {
  let banner = $('delayed-banner');
  if (!banner) {
    banner = document.createElement('div');
    banner.id = 'delayed-banner';
    banner.className = 'banner banner--warning';
    banner.hidden = true;
    const title = document.createElement('strong');
    title.textContent = 'Data delayed.';
    banner.append(title, ' ', document.createElement('span'));
    beside.after(banner);
  }
  return banner;
}
