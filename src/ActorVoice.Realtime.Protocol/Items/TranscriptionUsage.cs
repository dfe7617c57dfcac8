namespace ActorVoice.Realtime.Protocol.Items;

/// <summary>
/// Usage of an input transcription: <c>{"type":"duration","seconds":…}</c> (whisper-style billing) or
/// <c>{"type":"tokens",…}</c>. The local server reports the audio duration.
/// </summary>
public sealed record TranscriptionUsage(string Type)
{
    public const string Duration = "duration";
    public const string Tokens = "tokens";

    public double? Seconds { get; init; }

    public int? InputTokens { get; init; }

    public int? OutputTokens { get; init; }

    public int? TotalTokens { get; init; }

    public InputTokenDetails? InputTokenDetails { get; init; }

    public static TranscriptionUsage ForDuration(double seconds) => new(Duration) { Seconds = seconds };
}
