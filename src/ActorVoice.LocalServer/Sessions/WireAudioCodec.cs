using ActorVoice.Audio;
using ActorVoice.Audio.Pcm;
using ActorVoice.Audio.Processing;
using ActorVoice.Realtime.Protocol.Session;

namespace ActorVoice.LocalServer.Sessions;

/// <summary>
/// Converts between a session's wire audio format (PCM16 24 kHz, G.711 μ-law or A-law at 8 kHz) and the
/// server's internal PCM16 at <see cref="WireAudio.SampleRate"/>. Stateful (resampler filters), one per direction per session.
/// </summary>
public sealed class WireAudioCodec
{
    private const int TelephonyRate = 8000;
    private readonly PcmResampler? _resampler;

    public WireAudioCodec(AudioFormat format, bool decoding)
    {
        ArgumentNullException.ThrowIfNull(format);
        FormatType = format.Type;
        if (FormatType is AudioFormat.Pcmu or AudioFormat.Pcma)
        {
            _resampler = decoding ? new PcmResampler(TelephonyRate, WireAudio.SampleRate) : new PcmResampler(WireAudio.SampleRate, TelephonyRate);
        }
    }

    public string FormatType { get; }

    /// <summary>Wire bytes → 24 kHz samples. Throws <see cref="AudioFormatException"/> for a PCM16 payload of odd length.</summary>
    public short[] Decode(ReadOnlySpan<byte> wire) => FormatType switch
    {
        AudioFormat.Pcmu => _resampler!.Process(G711.DecodeMuLaw(wire)),
        AudioFormat.Pcma => _resampler!.Process(G711.DecodeALaw(wire)),
        _ => Pcm16.FromBytes(wire),
    };

    /// <summary>24 kHz samples → wire bytes.</summary>
    public byte[] Encode(ReadOnlySpan<short> samples) => FormatType switch
    {
        AudioFormat.Pcmu => G711.EncodeMuLaw(_resampler!.Process(samples)),
        AudioFormat.Pcma => G711.EncodeALaw(_resampler!.Process(samples)),
        _ => Pcm16.ToBytes(samples),
    };

    public static bool IsSupported(AudioFormat? format) =>
        format is null
        || (format.Type == AudioFormat.Pcm && (format.Rate is null or WireAudio.SampleRate))
        || format.Type is AudioFormat.Pcmu or AudioFormat.Pcma;
}
