namespace ActorVoice.Realtime.Protocol.Session;

/// <summary><c>{"type":"audio/pcm","rate":24000}</c>, <c>audio/pcmu</c> or <c>audio/pcma</c>.</summary>
public sealed record AudioFormat(string Type)
{
    public const string Pcm = "audio/pcm";
    public const string Pcmu = "audio/pcmu";
    public const string Pcma = "audio/pcma";

    public int? Rate { get; init; }

    public static AudioFormat Pcm24k { get; } = new(Pcm) { Rate = WireAudio.SampleRate };
}
