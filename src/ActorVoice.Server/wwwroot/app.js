// The ActorVoice page: microphone → capture worklet (24 kHz PCM16) → /ws; answer audio ← /ws → playback worklet.
// JSON events drive the transcripts, the sources, the status line and the latency chart (docs/client-protocol.md).
// Everything is served by the assistant itself: no CDN, works offline.

const WIRE_RATE = 24000;
const MAX_BUFFERED_UP = 1 << 20;     // bytes queued in the socket before microphone frames are dropped
const LOG_LIMIT = 60;
const SUBPROTOCOL_TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/; // what a Sec-WebSocket-Protocol value may hold

const CLOSE_REASONS = {
  1000: 'the session ended',
  1001: 'the server is going away',
  1003: 'the server refused data it could not read',
  1006: 'the connection was lost',
  1009: 'a frame was too large',
  1011: 'the server failed',
  4401: 'not authorised: open the page with a valid ?token=',
  4403: 'this page\'s origin is not allowed by the server',
  4408: 'the session was idle for too long',
  4410: 'the page did not read its audio fast enough',
  4429: 'too much data was sent (rate limit)',
  4503: 'the server is full or draining; try again later',
};

const STATE_TEXT = {
  listening: 'Listening…',
  thinking: 'Looking it up…',
  answering: 'Answering…',
  idle: 'Ask another question.',
};

const $ = (id) => document.getElementById(id);
const ui = {
  status: $('status'), start: $('start'), stop: $('stop'), level: $('level'), turnState: $('turn-state'),
  partial: $('transcript-partial'), final: $('transcript-final'), answer: $('answer'), turns: $('turns'),
  sources: $('sources'), sourcesEmpty: $('sources-empty'), timeline: $('timeline'), timelineTurn: $('timeline-turn'),
  timelineTable: $('timeline-table').tBodies[0], sent: $('sent-samples'), received: $('received-samples'),
  played: $('played-samples'), dropped: $('dropped-samples'), sessionId: $('session-id'), log: $('log'),
};

const session = {
  ws: null, ctx: null, stream: null, capture: null, playback: null, sink: null,
  responseId: null, carry: null, sent: 0, received: 0, droppedUp: 0, closing: false,
};
const turns = new Map(); // turn number → { transcript, partial, answer, sources, timeline, outcome }
let shownTurn = null;

const token = takeToken();
const params = new URLSearchParams(location.search);
const rawAudio = params.get('processing') === 'off';

ui.start.addEventListener('click', () => start().catch((e) => fail(describeError(e))));
ui.stop.addEventListener('click', () => stop('Stopped.'));
window.addEventListener('resize', () => { if (shownTurn !== null) drawTimeline(shownTurn); });
window.addEventListener('pagehide', () => stop());
drawPlaceholder('Each turn\'s latency chart appears here when the turn completes.');

// The token arrives in the address (?token=…); it is kept for this tab and removed from the address bar, so it does
// not linger in screenshots, the history or a Referer.
function takeToken() {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('actorvoice.token', fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem('actorvoice.token');
}

async function start() {
  if (!window.isSecureContext || !navigator.mediaDevices || !window.AudioWorkletNode) {
    throw new Error('The microphone needs a secure page: open it over HTTPS or on localhost.');
  }
  ui.start.disabled = true;
  ui.stop.disabled = false;
  session.closing = false;
  setStatus('connecting', 'Connecting…');

  // The context is created inside the click, so browsers let it play sound.
  const ctx = new AudioContext({ latencyHint: 'interactive' });
  session.ctx = ctx;
  await ctx.resume();
  await ctx.audioWorklet.addModule('capture-worklet.js');
  await ctx.audioWorklet.addModule('playback-worklet.js');

  const playback = new AudioWorkletNode(ctx, 'actorvoice-playback', {
    numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [1],
    processorOptions: { inRate: WIRE_RATE },
  });
  playback.port.onmessage = (e) => onPlayback(e.data);
  playback.connect(ctx.destination);
  session.playback = playback;

  await connect();
}

function connect() {
  return new Promise((resolve, reject) => {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let url = `${scheme}//${location.host}/ws`;
    const protocols = [];
    if (token && SUBPROTOCOL_TOKEN.test(token)) protocols.push(`actorvoice.token.${token}`);
    else if (token) url += `?token=${encodeURIComponent(token)}`;

    const ws = new WebSocket(url, protocols);
    ws.binaryType = 'arraybuffer';
    session.ws = ws;
    let opened = false;
    ws.onopen = () => { opened = true; document.body.dataset.connection = 'open'; resolve(); };
    ws.onmessage = (e) => {
      if (typeof e.data === 'string') onEvent(e.data);
      else onAudio(e.data);
    };
    ws.onclose = (e) => {
      const why = CLOSE_REASONS[e.code] || 'the connection closed';
      const detail = e.reason ? ` (${e.code}: ${e.reason})` : ` (${e.code})`;
      log(`closed${detail}`);
      document.body.dataset.connection = 'closed';
      document.body.dataset.closeCode = String(e.code);
      if (!opened) reject(new Error(`Could not connect: ${why}${detail}.`));
      else if (!session.closing) fail(`Disconnected: ${why}${detail}.`);
      teardown();
    };
  });
}

async function startMicrophone() {
  const audio = rawAudio
    ? { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false }
    : { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  const stream = await navigator.mediaDevices.getUserMedia({ audio });
  if (!session.ctx) { stream.getTracks().forEach((t) => t.stop()); return; }
  session.stream = stream;
  const ctx = session.ctx;
  const source = ctx.createMediaStreamSource(stream);
  const capture = new AudioWorkletNode(ctx, 'actorvoice-capture', {
    numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1],
    processorOptions: { outRate: WIRE_RATE, frameMs: 20 },
  });
  capture.port.onmessage = (e) => onFrame(e.data);
  // A silent sink keeps the capture node pulled by the graph in every browser.
  const sink = ctx.createGain();
  sink.gain.value = 0;
  source.connect(capture);
  capture.connect(sink);
  sink.connect(ctx.destination);
  session.capture = capture;
  session.sink = sink;
  setStatus('listening', 'Listening — ask a question.');
}

function onFrame(msg) {
  if (msg.type !== 'frame') return;
  ui.level.value = Math.min(1, msg.level * 4);
  ui.level.textContent = msg.level > 0.01 ? 'sound' : 'silent';
  const ws = session.ws;
  if (!ws || ws.readyState !== WebSocket.OPEN) return;
  if (ws.bufferedAmount > MAX_BUFFERED_UP) { session.droppedUp += msg.samples.length; return; }
  // Int16Array is little-endian on every platform browsers run on, which is the wire's byte order.
  ws.send(msg.samples.buffer);
  session.sent += msg.samples.length;
  setCounter(ui.sent, session.sent);
}

function onAudio(buffer) {
  let bytes = new Uint8Array(buffer);
  if (session.carry) { // a frame of odd length leaves half a sample for the next one
    const joined = new Uint8Array(session.carry.length + bytes.length);
    joined.set(session.carry);
    joined.set(bytes, session.carry.length);
    bytes = joined;
    session.carry = null;
  }
  if (bytes.length % 2 === 1) { session.carry = bytes.slice(bytes.length - 1); bytes = bytes.subarray(0, bytes.length - 1); }
  const samples = new Int16Array(bytes.slice().buffer);
  session.received += samples.length;
  setCounter(ui.received, session.received);
  if (session.responseId === null || !session.playback) return; // outside an answer: nothing to play
  session.playback.port.postMessage({ type: 'audio', id: session.responseId, samples }, [samples.buffer]);
}

function onPlayback(msg) {
  if (msg.type === 'progress' || msg.type === 'drained' || msg.type === 'stopped') setCounter(ui.played, msg.played);
  if (msg.type === 'progress') setCounter(ui.dropped, msg.dropped);
  if (msg.type === 'stopped') setCounter(ui.dropped, msg.droppedTotal);
  if (msg.type === 'stopped') log(`playback stopped: ${msg.dropped} queued samples dropped`);
}

function onEvent(text) {
  let e;
  try { e = JSON.parse(text); } catch { log('unreadable event from the server'); return; }
  switch (e.type) {
    case 'session.ready':
      ui.sessionId.textContent = e.session_id || '–';
      if (e.sample_rate && e.sample_rate !== WIRE_RATE) log(`server audio is ${e.sample_rate} Hz; the page sends ${WIRE_RATE} Hz`);
      log('session ready');
      startMicrophone().catch((err) => fail(describeError(err)));
      break;
    case 'speech.started':
      turnOf(e.turn);
      ui.partial.textContent = '';
      ui.partial.dataset.turn = String(e.turn);
      setStatus('hearing', 'Hearing you…');
      break;
    case 'transcript.partial':
      turnOf(e.turn).partial = e.text;
      ui.partial.textContent = e.text;
      ui.partial.dataset.turn = String(e.turn);
      break;
    case 'transcript.final':
      turnOf(e.turn).transcript = e.text;
      ui.final.textContent = e.text;
      ui.final.dataset.turn = String(e.turn);
      ui.partial.textContent = '';
      log(`turn ${e.turn}: “${e.text}”`);
      break;
    case 'sources':
      turnOf(e.turn).sources = e.sources || [];
      renderSources(e.turn);
      break;
    case 'answer.started':
      session.responseId = e.response_id;
      session.playback?.port.postMessage({ type: 'start', id: e.response_id });
      ui.answer.dataset.turn = String(e.turn);
      break;
    case 'answer.done':
      session.playback?.port.postMessage({ type: 'end', id: e.response_id });
      if (session.responseId === e.response_id) session.responseId = null;
      break;
    case 'playback.pause':
      // A possible barge-in: silent at once, the queued audio kept until playback.resume or playback.stop.
      session.playback?.port.postMessage({ type: 'pause', id: e.response_id });
      break;
    case 'playback.resume':
      session.playback?.port.postMessage({ type: 'resume', id: e.response_id });
      break;
    case 'playback.stop':
      // Barge-in: whatever the worklet still holds goes at once, and late chunks are ignored.
      session.playback?.port.postMessage({ type: 'stop', id: e.response_id });
      if (session.responseId === e.response_id) session.responseId = null;
      log(`turn ${e.turn}: playback stopped (${e.reason || 'stop'})`);
      break;
    case 'turn.state':
      ui.turnState.textContent = e.state;
      ui.turnState.dataset.state = e.state;
      if (STATE_TEXT[e.state]) setStatus(e.state, STATE_TEXT[e.state]);
      break;
    case 'turn.completed':
      completeTurn(e);
      break;
    case 'session.reconnected':
      log('the assistant reconnected to its speech service');
      break;
    case 'error':
      log(`error ${e.code || ''}: ${e.message || ''}`.trim());
      break;
    case 'pong':
      break;
    default:
      log(`event ${e.type}`);
  }
}

function turnOf(n) {
  if (!turns.has(n)) turns.set(n, { transcript: '', partial: '', answer: '', sources: [], timeline: null, outcome: '' });
  return turns.get(n);
}

function completeTurn(e) {
  const t = turnOf(e.turn);
  t.transcript = e.transcript ?? t.transcript;
  t.answer = e.answer ?? '';
  t.outcome = e.outcome || '';
  if (Array.isArray(e.sources) && e.sources.length > 0) t.sources = e.sources;
  t.timeline = e.timeline || null;
  if (t.transcript) { ui.final.textContent = t.transcript; ui.final.dataset.turn = String(e.turn); }
  ui.answer.textContent = t.answer || (t.outcome === 'interrupted' ? '(interrupted)' : '');
  ui.answer.dataset.turn = String(e.turn);
  renderSources(e.turn);
  addTurnToList(e.turn, t);
  drawTimeline(e.turn);
  document.body.dataset.turnsCompleted = String(Number(document.body.dataset.turnsCompleted || 0) + 1);
  ui.turnState.textContent = 'idle';
  ui.turnState.dataset.state = 'idle';
  setStatus('idle', t.outcome === 'answered' ? 'Answered. Ask another question.' : `Turn ${e.turn} ended (${t.outcome}). Ask again.`);
  log(`turn ${e.turn} ${t.outcome}`);
}

function renderSources(n) {
  const t = turnOf(n);
  ui.sources.replaceChildren(...t.sources.map((s) => {
    const li = document.createElement('li');
    li.dataset.document = s.document;
    const head = document.createElement('p');
    head.className = 'source-head';
    const name = document.createElement('strong');
    name.textContent = s.document;
    head.append(name);
    if (typeof s.score === 'number') {
      const score = document.createElement('span');
      score.className = 'muted';
      score.textContent = ` score ${s.score.toFixed(2)}`;
      head.append(score);
    }
    li.append(head);
    const passage = s.text || s.heading;
    if (passage) {
      const q = document.createElement('blockquote');
      q.textContent = passage;
      li.append(q);
    }
    return li;
  }));
  ui.sources.dataset.turn = String(n);
  ui.sources.dataset.count = String(t.sources.length);
  ui.sourcesEmpty.hidden = t.sources.length > 0;
}

function addTurnToList(n, t) {
  const li = document.createElement('li');
  li.dataset.turn = String(n);
  li.dataset.outcome = t.outcome;
  const q = document.createElement('p');
  q.innerHTML = '<span class="muted">Q</span> ';
  q.append(t.transcript || '(nothing heard)');
  const a = document.createElement('p');
  a.innerHTML = '<span class="muted">A</span> ';
  a.append(t.answer || '(no answer)');
  const meta = document.createElement('p');
  meta.className = 'muted';
  const docs = [...new Set(t.sources.map((s) => s.document))].join(', ');
  meta.textContent = `turn ${n} · ${t.outcome}${docs ? ' · ' + docs : ''} `;
  const show = document.createElement('button');
  show.type = 'button';
  show.className = 'link';
  show.textContent = 'show timeline';
  show.setAttribute('aria-label', `Show the timeline of turn ${n}`);
  show.addEventListener('click', () => drawTimeline(n));
  meta.append(show);
  li.append(q, a, meta);
  ui.turns.prepend(li);
}

// ---- the latency chart ------------------------------------------------------------------------------------------

const MARK_LABELS = {
  'speech_start.local_vad': 'speech start (local VAD)',
  'speech_end.local_vad': 'speech end (local VAD)',
  'speech_start.service_vad': 'speech start (server VAD)',
  'speech_end.service_vad': 'end of speech (server VAD)',
  'final_transcript': 'final transcript',
  'question_closed': 'question closed',
  'answer_ready': 'retrieval / answer ready',
  'retrieval_done': 'retrieval done',
  'first_audio': 'first audio',
  'first_answer_audio': 'first answer audio',
  'playback.start': 'playback start',
  'playback.end': 'playback end',
  'barge_in.detected': 'barge-in',
};

function markColor(name, styles) {
  if (name.startsWith('speech')) return styles.getPropertyValue('--c-speech');
  if (name.includes('partial') || name.includes('transcript') || name === 'commit' || name === 'question_closed') return styles.getPropertyValue('--c-transcript');
  if (name.includes('retrieval') || name.includes('answer_ready')) return styles.getPropertyValue('--c-retrieval');
  if (name.includes('barge') || name === 'fallback' || name.includes('truncate')) return styles.getPropertyValue('--c-bargein');
  return styles.getPropertyValue('--c-audio');
}

// The timeline's summary fields and the mark each repeats; a field whose mark is missing (retrieval is not a mark of
// the turn) becomes a row of its own.
const SUMMARY_MARKS = {
  final_transcript_ms: 'final_transcript',
  retrieval_done_ms: 'retrieval_done',
  first_audio_ms: 'first_audio',
  answer_audio_ms: 'first_answer_audio',
  playback_started_ms: 'playback.start',
  playback_done_ms: 'playback.end',
};

// Marks in time order, one row per name (a repeated name such as "partial" becomes ticks on one row), plus the
// summary fields no mark repeats.
function timelineRows(timeline) {
  const marks = Array.isArray(timeline?.marks) ? [...timeline.marks] : [];
  const named = new Set(marks.map((m) => m.name));
  for (const [key, value] of Object.entries(timeline || {})) {
    if (!key.endsWith('_ms') || typeof value !== 'number') continue;
    const name = SUMMARY_MARKS[key] || key.slice(0, -3);
    if (!named.has(name)) marks.push({ name, at_ms: value });
  }
  const rows = new Map();
  for (const m of [...marks].filter((m) => typeof m.at_ms === 'number').sort((a, b) => a.at_ms - b.at_ms)) {
    if (!rows.has(m.name)) rows.set(m.name, { name: m.name, label: MARK_LABELS[m.name] || m.name.replaceAll('_', ' '), at: [] });
    rows.get(m.name).at.push(m.at_ms);
  }
  return [...rows.values()];
}

function drawTimeline(n) {
  const t = turns.get(n);
  if (!t) return;
  shownTurn = n;
  const rows = timelineRows(t.timeline);
  const canvas = ui.timeline;
  canvas.dataset.turn = String(n);
  canvas.dataset.marks = String(rows.reduce((c, r) => c + r.at.length, 0));
  ui.timelineTurn.textContent = `· turn ${n}`;

  const styles = getComputedStyle(document.body);
  const rowH = 22, top = 28, bottom = 28, labelW = 190, right = 70;
  const cssW = Math.max(320, canvas.parentElement.clientWidth - 2);
  const cssH = top + bottom + Math.max(1, rows.length) * rowH;
  const dpr = window.devicePixelRatio || 1;
  canvas.style.width = `${cssW}px`;
  canvas.style.height = `${cssH}px`;
  canvas.width = Math.round(cssW * dpr);
  canvas.height = Math.round(cssH * dpr);
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, cssW, cssH);
  g.font = '12px system-ui, sans-serif';
  g.textBaseline = 'middle';
  const fg = styles.getPropertyValue('--fg');
  const muted = styles.getPropertyValue('--muted');

  if (rows.length === 0) {
    g.fillStyle = muted;
    g.fillText(`Turn ${n} recorded no timeline.`, 12, cssH / 2);
    canvas.setAttribute('aria-label', `Turn ${n} recorded no timeline.`);
    ui.timelineTable.replaceChildren();
    return;
  }

  const all = rows.flatMap((r) => r.at);
  const lo = Math.min(0, ...all);
  const hi = Math.max(0, ...all);
  const tick = niceStep((hi - lo) / 6 || 100);
  const x0 = Math.floor(lo / tick) * tick;
  const x1 = Math.ceil(hi / tick) * tick || tick;
  const plotW = cssW - labelW - right;
  const x = (ms) => labelW + ((ms - x0) / (x1 - x0)) * plotW;

  // Grid and axis labels.
  g.strokeStyle = styles.getPropertyValue('--grid');
  g.fillStyle = muted;
  g.textAlign = 'center';
  for (let v = x0; v <= x1 + 1e-9; v += tick) {
    g.beginPath(); g.moveTo(x(v), top - 6); g.lineTo(x(v), cssH - bottom + 4); g.stroke();
    g.fillText(`${Math.round(v)}`, x(v), cssH - bottom + 14);
  }
  g.fillText('ms from end of speech', labelW + plotW / 2, 10);
  // Zero: the end of the user's speech.
  g.strokeStyle = fg;
  g.lineWidth = 1.5;
  g.beginPath(); g.moveTo(x(0), top - 8); g.lineTo(x(0), cssH - bottom + 4); g.stroke();
  g.lineWidth = 1;

  rows.forEach((r, i) => {
    const y = top + i * rowH + rowH / 2;
    const color = markColor(r.name, styles).trim();
    g.textAlign = 'right';
    g.fillStyle = fg;
    g.fillText(r.label, labelW - 8, y);
    const first = r.at[0];
    g.fillStyle = color;
    g.fillRect(Math.min(x(0), x(first)), y - 6, Math.max(2, Math.abs(x(first) - x(0))), 12);
    for (const at of r.at.slice(1)) g.fillRect(x(at) - 1, y - 8, 2, 16);
    g.fillStyle = fg;
    const text = `${Math.round(first)} ms`;
    if (first < 0 && x(first) - labelW > g.measureText(text).width + 8) {
      g.textAlign = 'right';            // before zero: the figure sits where the bar begins
      g.fillText(text, x(first) - 6, y);
    } else {
      g.textAlign = 'left';
      g.fillText(text, Math.max(x(0), x(first)) + 6, y);
    }
  });

  const key = rows.filter((r) => MARK_LABELS[r.name]).map((r) => `${r.label} at ${Math.round(r.at[0])} ms`);
  canvas.setAttribute('aria-label',
    `Latency timeline of turn ${n}, in milliseconds from the end of speech: ${(key.length ? key : rows.map((r) => `${r.label} at ${Math.round(r.at[0])} ms`)).join(', ')}.`);
  ui.timelineTable.replaceChildren(...rows.flatMap((r) => r.at.map((at) => {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = r.label;
    const td = document.createElement('td');
    td.textContent = at.toFixed(1);
    tr.append(th, td);
    return tr;
  })));
}

function drawPlaceholder(text) {
  const canvas = ui.timeline;
  const cssW = Math.max(320, canvas.parentElement.clientWidth - 2);
  const cssH = 60;
  const dpr = window.devicePixelRatio || 1;
  canvas.style.width = `${cssW}px`;
  canvas.style.height = `${cssH}px`;
  canvas.width = Math.round(cssW * dpr);
  canvas.height = Math.round(cssH * dpr);
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.font = '14px system-ui, sans-serif';
  g.textBaseline = 'middle';
  g.fillStyle = getComputedStyle(document.body).getPropertyValue('--muted');
  g.fillText(text, 12, cssH / 2);
}

function niceStep(raw) {
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

// ---- status, counters, teardown ---------------------------------------------------------------------------------

function setStatus(state, text) {
  ui.status.dataset.state = state;
  ui.status.textContent = text;
}

function setCounter(el, value) {
  el.dataset.value = String(value);
  el.textContent = value.toLocaleString('en');
}

function log(text) {
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString('en', { hour12: false })} ${text}`;
  ui.log.prepend(li);
  while (ui.log.children.length > LOG_LIMIT) ui.log.lastChild.remove();
}

function describeError(e) {
  if (e && e.name === 'NotAllowedError') return 'The microphone was not allowed. Allow it in the browser and press Start.';
  if (e && e.name === 'NotFoundError') return 'No microphone was found.';
  return e && e.message ? e.message : String(e);
}

function fail(text) {
  setStatus('error', text);
  log(text);
  stop();
  setStatus('error', text);
}

function stop(text) {
  session.closing = true;
  const ws = session.ws;
  if (ws && ws.readyState === WebSocket.OPEN) {
    try { ws.send(JSON.stringify({ type: 'session.close' })); } catch { /* closing anyway */ }
    ws.close(1000, 'client stopped');
  }
  teardown();
  if (text) setStatus('idle', text);
}

function teardown() {
  session.ws = null;
  session.responseId = null;
  session.carry = null;
  session.capture?.port.postMessage({ type: 'stop' });
  session.stream?.getTracks().forEach((t) => t.stop());
  session.ctx?.close().catch(() => {});
  session.stream = session.capture = session.playback = session.sink = session.ctx = null;
  ui.level.value = 0;
  ui.start.disabled = false;
  ui.stop.disabled = true;
}
