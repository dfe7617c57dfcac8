namespace ActorVoice.Audio.Vad;

/// <summary>
/// Streaming 24 kHz → 16 kHz resampler for the VAD: upsample by 2, low-pass (windowed sinc at 7.5 kHz), keep every third
/// sample, computed in polyphase form (only the taps that meet real samples). One sample in, zero or one out; no
/// allocation after construction. The filter's delay is half a millisecond, well under a VAD window.
/// </summary>
internal sealed class Downsampler24To16
{
    private const int Taps = 48;
    private const int HistoryMask = 63; // history ring of 64 input samples ≥ Taps / 2 + 1
    private static readonly float[] Filter = Design();
    private readonly float[] _history = new float[HistoryMask + 1];
    private long _inputIndex = -1;
    private long _nextOutput;

    /// <summary>Takes one input sample; returns true with <paramref name="output"/> when an output sample is due.</summary>
    public bool Push(float sample, out float output)
    {
        _inputIndex++;
        _history[_inputIndex & HistoryMask] = sample;

        // Output n sits at 3n in the 48 kHz domain, i.e. at input position 1.5 n: it is due once that sample arrived.
        // 3 inputs give 2 outputs, so at most one is due per input.
        if ((3 * _nextOutput) / 2 > _inputIndex)
        {
            output = 0;
            return false;
        }

        var m = 3 * _nextOutput;
        float sum = 0;
        // Taps k with m - k even meet real input sample (m - k) / 2; the zeros stuffed between them contribute nothing.
        for (var k = (int)(m & 1); k < Taps; k += 2)
        {
            var j = (m - k) / 2;
            if (j < 0)
            {
                break;
            }

            sum += Filter[k] * _history[j & HistoryMask];
        }

        _nextOutput++;
        output = sum;
        return true;
    }

    public void Reset()
    {
        Array.Clear(_history);
        _inputIndex = -1;
        _nextOutput = 0;
    }

    private static float[] Design()
    {
        const double cutoff = 7_500.0 / 48_000.0;
        var h = new double[Taps];
        var center = (Taps - 1) / 2.0;
        double sum = 0;
        for (var k = 0; k < Taps; k++)
        {
            var t = k - center;
            var sinc = Math.Abs(t) < 1e-9 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            var blackman = 0.42 - (0.5 * Math.Cos(2 * Math.PI * k / (Taps - 1))) + (0.08 * Math.Cos(4 * Math.PI * k / (Taps - 1)));
            h[k] = sinc * blackman;
            sum += h[k];
        }

        // Unity gain at DC after zero-stuffing: each phase meets half the taps, so the whole filter sums to 2.
        return [.. h.Select(v => (float)(2 * v / sum))];
    }
}
