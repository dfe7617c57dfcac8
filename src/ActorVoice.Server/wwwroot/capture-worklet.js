// Microphone capture on the audio thread: the first input channel, resampled from the context's rate to the wire
// rate (24 kHz), converted to PCM16 and posted to the page in frames of 20 ms. The page only forwards the frames to
// the WebSocket, so the main thread never touches individual samples.

const TAPS = 32; // low-pass length when downsampling: enough to keep speech clean, cheap per sample

class CaptureProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const opts = options.processorOptions || {};
    this.outRate = opts.outRate || 24000;
    this.frameSamples = Math.round(this.outRate * (opts.frameMs || 20) / 1000);
    this.step = sampleRate / this.outRate;            // input samples per output sample
    this.kernel = this.step > 1 ? lowPass(TAPS, 0.5 / this.step * 0.9) : null;
    this.history = new Float32Array(TAPS + 256);      // recent input samples for the filter and interpolation
    this.historyLength = 0;
    this.position = 0;                                // next output sample's position in the history
    this.frame = new Int16Array(this.frameSamples);
    this.frameFill = 0;
    this.levelSum = 0;
    this.levelCount = 0;
    this.running = true;
    this.port.onmessage = (e) => { if (e.data && e.data.type === 'stop') this.running = false; };
  }

  process(inputs) {
    if (!this.running) return false;
    const input = inputs[0];
    if (!input || input.length === 0) return true;
    this.push(input[0]);
    return true;
  }

  push(samples) {
    // Append the new block to the history, keeping what the filter still needs.
    if (this.historyLength + samples.length > this.history.length) {
      const grown = new Float32Array((this.historyLength + samples.length) * 2);
      grown.set(this.history.subarray(0, this.historyLength));
      this.history = grown;
    }
    this.history.set(samples, this.historyLength);
    this.historyLength += samples.length;

    const reach = this.kernel ? TAPS + 1 : 2;
    while (this.position + reach <= this.historyLength) {
      this.emit(this.kernel ? this.filtered(this.position) : this.interpolated(this.position));
      this.position += this.step;
    }
    // Drop the consumed part of the history; the fractional position keeps its phase.
    const consumed = Math.floor(this.position);
    if (consumed > 0) {
      this.history.copyWithin(0, consumed, this.historyLength);
      this.historyLength -= consumed;
      this.position -= consumed;
    }
  }

  // The filter's output at the two input positions around pos, interpolated: ratios such as 44.1 kHz → 24 kHz
  // fall between input samples.
  filtered(pos) {
    const start = Math.floor(pos);
    const frac = pos - start;
    let a = 0;
    let b = 0;
    for (let k = 0; k < TAPS; k++) {
      const w = this.kernel[k];
      a += this.history[start + k] * w;
      b += this.history[start + k + 1] * w;
    }
    return a * (1 - frac) + b * frac;
  }

  interpolated(pos) {
    const i = Math.floor(pos);
    const frac = pos - i;
    return this.history[i] * (1 - frac) + this.history[i + 1] * frac;
  }

  emit(value) {
    const clamped = value > 1 ? 1 : value < -1 ? -1 : value;
    this.frame[this.frameFill++] = clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff;
    this.levelSum += clamped * clamped;
    this.levelCount++;
    if (this.frameFill === this.frameSamples) {
      const level = Math.sqrt(this.levelSum / this.levelCount);
      this.port.postMessage({ type: 'frame', samples: this.frame, level }, [this.frame.buffer]);
      this.frame = new Int16Array(this.frameSamples);
      this.frameFill = 0;
      this.levelSum = 0;
      this.levelCount = 0;
    }
  }
}

// A windowed-sinc low-pass (Blackman window) with the cut-off as a fraction of the input rate, gain 1 at DC.
function lowPass(taps, cutoff) {
  const kernel = new Float32Array(taps);
  const middle = (taps - 1) / 2;
  let sum = 0;
  for (let i = 0; i < taps; i++) {
    const x = i - middle;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const window = 0.42 - 0.5 * Math.cos(2 * Math.PI * i / (taps - 1)) + 0.08 * Math.cos(4 * Math.PI * i / (taps - 1));
    kernel[i] = sinc * window;
    sum += kernel[i];
  }
  for (let i = 0; i < taps; i++) kernel[i] /= sum;
  return kernel;
}

registerProcessor('actorvoice-capture', CaptureProcessor);
