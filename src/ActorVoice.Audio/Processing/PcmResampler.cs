using NAudio.Dsp;

namespace ActorVoice.Audio.Processing;

/// <summary>
/// Streaming mono PCM16 sample-rate converter (NAudio's WDL resampler). Keeps filter state across
/// calls, so audio can be pushed in frames of any size without clicks at frame edges.
/// </summary>
public sealed class PcmResampler
{
    private readonly WdlResampler? _resampler;
    private readonly int _fromRate;
    private readonly int _toRate;

    public PcmResampler(int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        _fromRate = fromRate;
        _toRate = toRate;
        if (fromRate != toRate)
        {
            _resampler = new WdlResampler();
            _resampler.SetMode(true, 2, false);
            _resampler.SetFilterParms();
            _resampler.SetFeedMode(true);
            _resampler.SetRates(fromRate, toRate);
        }
    }

    /// <summary>Converts one block; the output length varies by a sample around in/out × ratio.</summary>
    public short[] Process(ReadOnlySpan<short> input)
    {
        if (_resampler is null)
        {
            return input.ToArray();
        }

        if (input.IsEmpty)
        {
            return [];
        }

        var framesIn = input.Length;
        var needed = _resampler.ResamplePrepare(framesIn, 1, out var inBuffer);
        var toCopy = Math.Min(needed, framesIn);
        for (var i = 0; i < toCopy; i++)
        {
            inBuffer[i] = input[i] / 32768f;
        }

        var maxOut = (int)Math.Ceiling(framesIn * (double)_toRate / _fromRate) + 16;
        var outBuffer = new float[maxOut];
        var produced = _resampler.ResampleOut(outBuffer, toCopy, maxOut, 1);
        var result = new short[produced];
        for (var i = 0; i < produced; i++)
        {
            result[i] = FloatToShort(outBuffer[i]);
        }

        return result;
    }

    /// <summary>One-shot conversion of a whole clip.</summary>
    public static short[] Convert(ReadOnlySpan<short> input, int fromRate, int toRate) =>
        new PcmResampler(fromRate, toRate).Process(input);

    private static short FloatToShort(float value)
    {
        var scaled = value * 32767f;
        return scaled >= short.MaxValue ? short.MaxValue : scaled <= short.MinValue ? short.MinValue : (short)MathF.Round(scaled);
    }
}
