namespace ActorVoice.Audio.Pcm;

/// <summary>G.711 μ-law and A-law codecs (8 kHz telephony audio, one byte per sample).</summary>
public static class G711
{
    public static short MuLawToLinear(byte value)
    {
        var u = ~value & 0xFF;
        var t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (short)((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }

    public static byte LinearToMuLaw(short sample)
    {
        const int bias = 0x84;
        const int clip = 32635;
        var sign = (sample >> 8) & 0x80;
        int magnitude = sign != 0 ? -sample : sample;
        if (magnitude > clip)
        {
            magnitude = clip;
        }

        magnitude += bias;
        var exponent = 7;
        for (var mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    public static short ALawToLinear(byte value)
    {
        var a = value ^ 0x55;
        var t = (a & 0x0F) << 4;
        var segment = (a & 0x70) >> 4;
        t = segment switch
        {
            0 => t + 8,
            1 => t + 0x108,
            _ => (t + 0x108) << (segment - 1),
        };
        return (short)((a & 0x80) != 0 ? t : -t);
    }

    public static byte LinearToALaw(short sample)
    {
        int pcm = sample;
        var sign = pcm >= 0 ? 0x80 : 0x00;
        if (pcm < 0)
        {
            pcm = -pcm - 1;
        }

        pcm >>= 3;
        int encoded;
        if (pcm < 32)
        {
            encoded = pcm >> 1;
        }
        else
        {
            var segment = 1;
            for (var v = pcm >> 5; v > 1 && segment < 7; v >>= 1)
            {
                segment++;
            }

            encoded = (segment << 4) | ((pcm >> segment) & 0x0F);
        }

        return (byte)((encoded | sign) ^ 0x55);
    }

    public static short[] DecodeMuLaw(ReadOnlySpan<byte> data) => Map(data, MuLawToLinear);

    public static short[] DecodeALaw(ReadOnlySpan<byte> data) => Map(data, ALawToLinear);

    public static byte[] EncodeMuLaw(ReadOnlySpan<short> samples) => Map(samples, LinearToMuLaw);

    public static byte[] EncodeALaw(ReadOnlySpan<short> samples) => Map(samples, LinearToALaw);

    private static TOut[] Map<TIn, TOut>(ReadOnlySpan<TIn> input, Func<TIn, TOut> convert)
    {
        var result = new TOut[input.Length];
        for (var i = 0; i < input.Length; i++)
        {
            result[i] = convert(input[i]);
        }

        return result;
    }
}
