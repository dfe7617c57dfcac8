namespace ActorVoice.Realtime.Protocol.Items;

public sealed record ContentPart(string Type)
{
    public const string InputText = "input_text";
    public const string InputAudio = "input_audio";
    public const string OutputText = "output_text";
    public const string OutputAudio = "output_audio";

    /// <summary>Part types of <c>response.content_part.added/done</c> (items themselves use output_text/output_audio).</summary>
    public const string TextPart = "text";
    public const string AudioPart = "audio";

    public string? Text { get; init; }

    public string? Audio { get; init; }

    public string? Transcript { get; init; }
}
