// Answer playback on the audio thread: a queue of 24 kHz PCM16 chunks for one response at a time, resampled to the
// context's rate by linear interpolation. `stop` drops everything queued at once (barge-in); the page learns how many
// samples were actually played (sent to the speaker), not merely received.

class PlaybackProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const opts = options.processorOptions || {};
    this.inRate = opts.inRate || 24000;
    this.step = this.inRate / sampleRate;               // source samples per output sample
    this.startBuffer = Math.round(this.inRate * (opts.startBufferMs ?? 60) / 1000);
    this.chunks = [];                                   // Float32Array chunks of the current response
    this.chunkIndex = 0;                                // read index in chunks[0]
    this.queued = 0;                                    // source samples waiting
    this.responseId = null;
    this.ended = false;                                 // all audio of the response has arrived
    this.started = false;                               // the start buffer has filled
    this.paused = false;                                // a possible barge-in: silent, queue kept
    this.last = 0;                                      // the previous source sample, for interpolation
    this.frac = 0;
    this.played = 0;                                    // source samples played, over the whole session
    this.dropped = 0;
    this.reportEvery = Math.max(1, Math.round(sampleRate / 128 / 20)); // about every 50 ms
    this.quanta = 0;
    this.port.onmessage = (e) => this.onMessage(e.data);
  }

  onMessage(msg) {
    switch (msg.type) {
      case 'start':
        // A response that has all its audio plays out before the next one; one cut short without a stop is dropped.
        if (this.responseId !== null && !this.ended) this.clear(true);
        this.responseId = msg.id;
        this.ended = false;
        this.started = false;
        this.paused = false;
        break;
      case 'pause':
        if (msg.id === this.responseId) this.paused = true;
        break;
      case 'resume':
        if (msg.id === this.responseId) this.paused = false;
        break;
      case 'audio':
        if (msg.id !== this.responseId) return;        // late audio of a stopped or finished response
        this.chunks.push(toFloat(msg.samples));
        this.queued += msg.samples.length;
        break;
      case 'end':
        if (msg.id === this.responseId) this.ended = true;
        break;
      case 'stop':
        if (msg.id === this.responseId || msg.id === '*') {
          const dropped = this.clear(true);
          this.responseId = null;
          this.paused = false;
          this.port.postMessage({ type: 'stopped', id: msg.id, dropped, droppedTotal: this.dropped, played: this.played });
        }
        break;
    }
  }

  clear(count) {
    const dropped = this.queued;
    if (count) this.dropped += dropped;
    this.chunks = [];
    this.chunkIndex = 0;
    this.queued = 0;
    this.frac = 0;
    this.last = 0;
    return dropped;
  }

  peek() {
    return this.chunks[0][this.chunkIndex];
  }

  take() {
    const value = this.chunks[0][this.chunkIndex++];
    if (this.chunkIndex >= this.chunks[0].length) {
      this.chunks.shift();
      this.chunkIndex = 0;
    }
    this.queued--;
    this.played++;
    return value;
  }

  process(_inputs, outputs) {
    const out = outputs[0];
    const left = out[0];
    if (!this.started && this.responseId !== null && (this.queued >= this.startBuffer || (this.ended && this.queued > 0))) {
      this.started = true;
    }
    for (let i = 0; i < left.length; i++) {
      if (!this.started || this.paused || this.queued === 0) { left[i] = 0; continue; }
      left[i] = this.last * (1 - this.frac) + this.peek() * this.frac;
      this.frac += this.step;
      while (this.frac >= 1 && this.queued > 0) {
        this.frac -= 1;
        this.last = this.take();
      }
    }
    for (let c = 1; c < out.length; c++) out[c].set(left);

    if (this.ended && this.queued === 0 && this.responseId !== null) {
      this.port.postMessage({ type: 'drained', id: this.responseId, played: this.played });
      this.responseId = null;
      this.started = false;
    }
    if (++this.quanta % this.reportEvery === 0) {
      this.port.postMessage({ type: 'progress', played: this.played, queued: this.queued, dropped: this.dropped });
    }
    return true;
  }
}

function toFloat(pcm) {
  const f = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) f[i] = pcm[i] / 0x8000;
  return f;
}

registerProcessor('actorvoice-playback', PlaybackProcessor);
